#include "prep360/mask/sphere_mask.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <numbers>
#include <string>

#include <tbb/parallel_for.h>

#include "prep360/geometry/equirect.h"
#include "prep360/geometry/fast_atan2.h"
#include "prep360/geometry/pinhole.h"
#include "prep360/geometry/view_rays.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr double kPi = std::numbers::pi;
// Side of the view tiles whose equirect footprint ToView precomputes.
constexpr int kTile = 32;
// Side of the equirect blocks whose occupancy ToView tests.
constexpr int kBlock = 16;
// Largest spacing (view pixels) of the samples along a box outline.
constexpr double kOutlineStep = 4.0;

void CheckMask(const Image& mask, const char* what) {
  if (mask.empty() || mask.channels() != 1 || mask.bytes_per_sample() != 1) {
    throw Error(std::string(what) + ": a mask must be an 8-bit single-channel image");
  }
}

std::string SizeText(int w, int h) { return std::to_string(w) + "x" + std::to_string(h); }

// A w x h 8-bit mask, all 0 (Image::Fill goes pixel by pixel).
Image ZeroMask(int w, int h) {
  Image m(w, h, 1, 1);
  for (int y = 0; y < h; ++y) std::memset(m.Row(y), 0, static_cast<std::size_t>(w));
  return m;
}

// A region of the equirect: rows [r0, r1) and columns [c0, c1) with 0 <= c0 < W and
// c0 < c1 <= c0 + W; columns >= W wrap around the seam.
struct EqRegion {
  int r0 = 0, r1 = 0, c0 = 0, c1 = 0;
  bool empty() const { return r1 <= r0 || c1 <= c0; }
};

// A view's rays for a rig view (its size set).
ViewRays RaysOf(const View& view) { return ViewRays(view.Camera(), view.PanoFromCam()); }

// Whether the pole (pole_y = -1: north, 1: south) projects into the continuous view box.
bool SeesPole(const ViewRays& g, double pole_y, double x0, double y0, double x1, double y1) {
  double x = 0, y = 0;
  if (!g.Project(Vec3{0, pole_y, 0}, &x, &y)) return false;
  return x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

// The equirect pixels whose centres can map into the continuous view box [x0, x1] x [y0, y1]
// (inside the image), grown by `pad` pixels. The box's outline is mapped to the sphere at
// samples at most kOutlineStep view pixels apart; the image of a box is a convex spherical
// region, so its latitude and (unwrapped) longitude extremes lie on the outline unless it
// contains a pole, which then takes whole rows up to that pole. Between two samples the outline
// can stray by at most half the angular step in latitude and that over cos(latitude) in
// longitude, which the bounds add. When `whole_rows_at_poles`, a region that reaches the first
// or last row also takes whole rows (taps there are mirrored across the pole).
EqRegion RegionOfBox(const ViewRays& g, double x0, double y0, double x1, double y1, int eq_w, int eq_h,
                     int pad, bool whole_rows_at_poles) {
  const Pinhole& cam = g.camera;
  x0 = std::clamp(x0, 0.0, static_cast<double>(cam.width));
  x1 = std::clamp(x1, 0.0, static_cast<double>(cam.width));
  y0 = std::clamp(y0, 0.0, static_cast<double>(cam.height));
  y1 = std::clamp(y1, 0.0, static_cast<double>(cam.height));
  if (x1 < x0 || y1 < y0) return {};
  const int nx = std::max(1, static_cast<int>(std::ceil((x1 - x0) / kOutlineStep)));
  const int ny = std::max(1, static_cast<int>(std::ceil((y1 - y0) / kOutlineStep)));
  // Angle between neighbouring samples: at most step / f (largest at the image centre).
  const double step_rad = std::max((x1 - x0) / nx, (y1 - y0) / ny) / std::min(cam.fx, cam.fy);

  double lat_min = 10, lat_max = -10, acc = 0, acc_min = 0, acc_max = 0, lon_prev = 0, lon_first = 0;
  bool first = true;
  auto visit = [&](double x, double y) {
    const Vec3 d = g.Ray(x, y);
    const double lat = Latitude(d), lon = Longitude(d);
    lat_min = std::min(lat_min, lat);
    lat_max = std::max(lat_max, lat);
    if (first) {
      first = false;
      lon_first = lon_prev = lon;
      return;
    }
    double diff = lon - lon_prev;
    if (diff > kPi) diff -= 2 * kPi;
    if (diff < -kPi) diff += 2 * kPi;
    acc += diff;
    acc_min = std::min(acc_min, acc);
    acc_max = std::max(acc_max, acc);
    lon_prev = lon;
  };
  // Clockwise around the box: top, right, bottom, left edges.
  for (int i = 0; i < nx; ++i) visit(x0 + (x1 - x0) * i / nx, y0);
  for (int i = 0; i < ny; ++i) visit(x1, y0 + (y1 - y0) * i / ny);
  for (int i = 0; i < nx; ++i) visit(x1 - (x1 - x0) * i / nx, y1);
  for (int i = 0; i < ny; ++i) visit(x0, y1 - (y1 - y0) * i / ny);
  visit(x0, y0);

  const bool north = SeesPole(g, -1, x0, y0, x1, y1);
  const bool south = SeesPole(g, 1, x0, y0, x1, y1);
  const double lat_pad = step_rad / 2 + (pad + 1) * kPi / eq_h;
  if (north) lat_max = kPi / 2;
  if (south) lat_min = -kPi / 2;
  lat_max = std::min(kPi / 2, lat_max + lat_pad);
  lat_min = std::max(-kPi / 2, lat_min - lat_pad);

  EqRegion r;
  r.r0 = std::max(0, static_cast<int>(std::floor((kPi / 2 - lat_max) * eq_h / kPi)) - pad);
  r.r1 = std::min(eq_h, static_cast<int>(std::ceil((kPi / 2 - lat_min) * eq_h / kPi)) + pad);
  bool whole_rows = north || south;
  if (whole_rows_at_poles && (r.r0 == 0 || r.r1 == eq_h)) whole_rows = true;
  const double abs_lat = std::max(std::abs(lat_min), std::abs(lat_max));
  const double cos_lat = std::cos(abs_lat);
  if (!whole_rows && cos_lat > 1e-6) {
    const double lon_pad = step_rad / 2 / cos_lat + (pad + 1) * 2 * kPi / eq_w;
    const double lon_lo = lon_first + acc_min - lon_pad, lon_hi = lon_first + acc_max + lon_pad;
    if (lon_hi - lon_lo < 2 * kPi) {
      const double u_lo = (lon_lo + kPi) * eq_w / (2 * kPi), u_hi = (lon_hi + kPi) * eq_w / (2 * kPi);
      int c0 = static_cast<int>(std::floor(u_lo)) - pad;
      int c1 = static_cast<int>(std::ceil(u_hi)) + pad;
      if (c1 - c0 < eq_w) {
        const int shift = (c0 % eq_w + eq_w) % eq_w - c0;
        r.c0 = c0 + shift;
        r.c1 = c1 + shift;
        return r;
      }
    }
  }
  r.c0 = 0;
  r.c1 = eq_w;
  return r;
}

// Bounding box [x0, x1) x [y0, y1) of a mask's set pixels; x0 >= x1 when none is set.
struct PixelBox {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool empty() const { return x1 <= x0; }
};

// First nonzero byte of [p, p + n), or n.
int FirstSet(const std::uint8_t* p, int n) {
  int i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, p + i, 8);
    if (word != 0) break;
  }
  for (; i < n; ++i) {
    if (p[i] != 0) return i;
  }
  return n;
}

PixelBox SetBox(const Image& mask) {
  PixelBox b{mask.width(), mask.height(), 0, 0};
  for (int y = 0; y < mask.height(); ++y) {
    const std::uint8_t* row = mask.Row(y);
    const int first = FirstSet(row, mask.width());
    if (first == mask.width()) continue;
    int last = mask.width() - 1;
    while (row[last] == 0) --last;
    b.x0 = std::min(b.x0, first);
    b.x1 = std::max(b.x1, last + 1);
    b.y0 = std::min(b.y0, y);
    b.y1 = y + 1;
  }
  return b;
}

// Bilinear value (0..255) of an 8-bit mask at continuous position (x, y) (pixel centres at +0.5),
// taps clamped to the image.
inline float SampleBilinear(const Image& m, float x, float y) {
  const float sx = x - 0.5f, sy = y - 0.5f;
  const float fx0 = std::floor(sx), fy0 = std::floor(sy);
  const float ax = sx - fx0, ay = sy - fy0;
  const int ix = static_cast<int>(fx0), iy = static_cast<int>(fy0);
  const int xa = std::clamp(ix, 0, m.width() - 1), xb = std::clamp(ix + 1, 0, m.width() - 1);
  const int ya = std::clamp(iy, 0, m.height() - 1), yb = std::clamp(iy + 1, 0, m.height() - 1);
  const std::uint8_t* ra = m.Row(ya);
  const std::uint8_t* rb = m.Row(yb);
  const float top = ra[xa] + ax * static_cast<float>(ra[xb] - ra[xa]);
  const float bottom = rb[xa] + ax * static_cast<float>(rb[xb] - rb[xa]);
  return top + ay * (bottom - top);
}

// Which 16x16 blocks of an equirect mask hold a set pixel, with 2D prefix sums for O(1) queries.
class Occupancy {
 public:
  explicit Occupancy(const Image& eq) : w_(eq.width()), h_(eq.height()) {
    bw_ = (w_ + kBlock - 1) / kBlock;
    bh_ = (h_ + kBlock - 1) / kBlock;
    const auto n = static_cast<std::size_t>(bw_ + 1) * static_cast<std::size_t>(bh_ + 1);
    sums_.assign(n, 0);
    tbb::parallel_for(0, bh_, [&](int by) {
      std::int32_t* out = Sum(by + 1);
      const int y_end = std::min(h_, (by + 1) * kBlock);
      for (int y = by * kBlock; y < y_end; ++y) {
        const std::uint8_t* row = eq.Row(y);
        int x = FirstSet(row, w_);
        while (x < w_) {
          const int bx = x / kBlock;
          out[bx + 1] = 1;
          const int next = std::min(w_, (bx + 1) * kBlock);  // the rest of this block is known
          x = next + FirstSet(row + next, w_ - next);
        }
      }
    });
    // Prefix sums: rows first (each row holds 0/1 flags), then columns.
    for (int by = 1; by <= bh_; ++by) {
      std::int32_t* s = Sum(by);
      const std::int32_t* above = Sum(by - 1);
      std::int32_t run = 0;
      for (int bx = 1; bx <= bw_; ++bx) {
        run += s[bx];
        s[bx] = run + above[bx];
      }
    }
  }

  bool Any(const EqRegion& r) const {
    if (r.empty()) return false;
    if (r.c1 > w_) return Any(r.r0, r.r1, r.c0, w_) || Any(r.r0, r.r1, 0, r.c1 - w_);
    return Any(r.r0, r.r1, r.c0, r.c1);
  }

 private:
  bool Any(int r0, int r1, int c0, int c1) const {
    if (r1 <= r0 || c1 <= c0) return false;
    const int b_r0 = r0 / kBlock, b_r1 = (r1 + kBlock - 1) / kBlock;
    const int b_c0 = c0 / kBlock, b_c1 = (c1 + kBlock - 1) / kBlock;
    const std::int64_t n = std::int64_t{Sum(b_r1)[b_c1]} - Sum(b_r0)[b_c1] - Sum(b_r1)[b_c0] + Sum(b_r0)[b_c0];
    return n > 0;
  }
  std::int32_t* Sum(int by) { return sums_.data() + static_cast<std::size_t>(by) * static_cast<std::size_t>(bw_ + 1); }
  const std::int32_t* Sum(int by) const {
    return sums_.data() + static_cast<std::size_t>(by) * static_cast<std::size_t>(bw_ + 1);
  }

  int w_, h_, bw_ = 0, bh_ = 0;
  std::vector<std::int32_t> sums_;
};

}  // namespace

struct SphereMasker::Impl {
  struct ViewData {
    ViewRays geometry;
    int tiles_x = 0, tiles_y = 0;
    std::vector<EqRegion> tile_regions;  // equirect pixels each view tile's taps can read
  };

  int eq_w = 0, eq_h = 0;
  std::vector<ViewData> views;
  // Equirect pixel-centre directions: d = (cos_lat * sin_lon, -sin_lat, cos_lat * cos_lon).
  std::vector<float> sin_lon, cos_lon;  // per column
  std::vector<float> sin_lat, cos_lat;  // per row

  void ViewFromEquirect(const Image& eq, const Occupancy& occupancy, std::size_t view, Image& out) const;
};

SphereMasker::SphereMasker(const Rig& rig, int eq_width) : impl_(std::make_unique<Impl>()) {
  if (eq_width < 2 || eq_width % 2 != 0) {
    throw Error("sphere mask: equirect width " + std::to_string(eq_width) + " must be even and >= 2");
  }
  Impl& m = *impl_;
  m.eq_w = eq_width;
  m.eq_h = eq_width / 2;
  for (const View& v : rig.views) {
    if (v.width <= 0 || v.height <= 0) throw Error("sphere mask: view '" + v.name + "' has no size");
    m.views.push_back({RaysOf(v), 0, 0, {}});
  }
  m.sin_lon.resize(static_cast<std::size_t>(m.eq_w));
  m.cos_lon.resize(static_cast<std::size_t>(m.eq_w));
  for (int i = 0; i < m.eq_w; ++i) {
    const double lon = 2 * kPi * (i + 0.5) / m.eq_w - kPi;
    m.sin_lon[static_cast<std::size_t>(i)] = static_cast<float>(std::sin(lon));
    m.cos_lon[static_cast<std::size_t>(i)] = static_cast<float>(std::cos(lon));
  }
  m.sin_lat.resize(static_cast<std::size_t>(m.eq_h));
  m.cos_lat.resize(static_cast<std::size_t>(m.eq_h));
  for (int j = 0; j < m.eq_h; ++j) {
    const double lat = kPi / 2 - kPi * (j + 0.5) / m.eq_h;
    m.sin_lat[static_cast<std::size_t>(j)] = static_cast<float>(std::sin(lat));
    m.cos_lat[static_cast<std::size_t>(j)] = static_cast<float>(std::cos(lat));
  }
  // Tile footprints for ToView: bilinear taps reach one pixel beyond the sampled position.
  tbb::parallel_for(std::size_t{0}, m.views.size(), [&](std::size_t i) {
    Impl::ViewData& vd = m.views[i];
    const Pinhole& cam = vd.geometry.camera;
    vd.tiles_x = (cam.width + kTile - 1) / kTile;
    vd.tiles_y = (cam.height + kTile - 1) / kTile;
    vd.tile_regions.resize(static_cast<std::size_t>(vd.tiles_x) * static_cast<std::size_t>(vd.tiles_y));
    for (int ty = 0; ty < vd.tiles_y; ++ty) {
      for (int tx = 0; tx < vd.tiles_x; ++tx) {
        vd.tile_regions[static_cast<std::size_t>(ty * vd.tiles_x + tx)] =
            RegionOfBox(vd.geometry, tx * kTile, ty * kTile, (tx + 1) * kTile, (ty + 1) * kTile, m.eq_w, m.eq_h,
                        /*pad=*/2, /*whole_rows_at_poles=*/true);
      }
    }
  });
}

SphereMasker::~SphereMasker() = default;
SphereMasker::SphereMasker(SphereMasker&&) noexcept = default;
SphereMasker& SphereMasker::operator=(SphereMasker&&) noexcept = default;

int SphereMasker::eq_width() const { return impl_->eq_w; }
int SphereMasker::eq_height() const { return impl_->eq_h; }

Image SphereMasker::ToEquirect(const std::vector<const Image*>& view_masks) const {
  const Impl& m = *impl_;
  if (view_masks.size() != m.views.size()) {
    throw Error("sphere mask: " + std::to_string(view_masks.size()) + " view masks for a rig of " +
                std::to_string(m.views.size()) + " views");
  }
  // Per view: the box of set pixels, grown by the half pixel over which bilinear sampling still
  // reads them, and the equirect region it can reach.
  struct Work {
    const Image* mask;
    const ViewRays* geometry;
    float x0, y0, x1, y1;  // continuous box within the image
    EqRegion region;
  };
  std::vector<Work> work;
  for (std::size_t i = 0; i < view_masks.size(); ++i) {
    const Image* mask = view_masks[i];
    if (mask == nullptr) continue;
    CheckMask(*mask, "sphere mask");
    const Pinhole& cam = m.views[i].geometry.camera;
    if (mask->width() != cam.width || mask->height() != cam.height) {
      throw Error("sphere mask: view " + std::to_string(i) + " mask is " + SizeText(mask->width(), mask->height()) +
                  ", the view is " + SizeText(cam.width, cam.height));
    }
    const PixelBox b = SetBox(*mask);
    if (b.empty()) continue;
    const double x0 = std::max(0.0, b.x0 - 0.5), x1 = std::min(static_cast<double>(cam.width), b.x1 + 0.5);
    const double y0 = std::max(0.0, b.y0 - 0.5), y1 = std::min(static_cast<double>(cam.height), b.y1 + 0.5);
    const EqRegion region = RegionOfBox(m.views[i].geometry, x0, y0, x1, y1, m.eq_w, m.eq_h, /*pad=*/1,
                                        /*whole_rows_at_poles=*/false);
    if (region.empty()) continue;
    work.push_back({mask, &m.views[i].geometry, static_cast<float>(x0), static_cast<float>(y0),
                    static_cast<float>(x1), static_cast<float>(y1), region});
  }

  Image eq = ZeroMask(m.eq_w, m.eq_h);
  if (work.empty()) return eq;
  int row_begin = m.eq_h, row_end = 0;
  for (const Work& wk : work) {
    row_begin = std::min(row_begin, wk.region.r0);
    row_end = std::max(row_end, wk.region.r1);
  }

  tbb::parallel_for(row_begin, row_end, [&](int j) {
    std::uint8_t* out = eq.Row(j);
    const float cl = m.cos_lat[static_cast<std::size_t>(j)], sl = m.sin_lat[static_cast<std::size_t>(j)];
    for (const Work& wk : work) {
      if (j < wk.region.r0 || j >= wk.region.r1) continue;
      const Mat3& r = wk.geometry->cam_from_pano;
      const Pinhole& cam = wk.geometry->camera;
      // p = cam_from_pano * (cl * sin_lon, -sl, cl * cos_lon) = a * sin_lon + b * cos_lon + c.
      const float ax = static_cast<float>(r(0, 0)) * cl, bx = static_cast<float>(r(0, 2)) * cl,
                  cx = -static_cast<float>(r(0, 1)) * sl;
      const float ay = static_cast<float>(r(1, 0)) * cl, by = static_cast<float>(r(1, 2)) * cl,
                  cy = -static_cast<float>(r(1, 1)) * sl;
      const float az = static_cast<float>(r(2, 0)) * cl, bz = static_cast<float>(r(2, 2)) * cl,
                  cz = -static_cast<float>(r(2, 1)) * sl;
      const auto fx = static_cast<float>(cam.fx), fy = static_cast<float>(cam.fy);
      const auto px = static_cast<float>(cam.cx), py = static_cast<float>(cam.cy);
      for (int c = wk.region.c0; c < wk.region.c1; ++c) {
        const int col = c < m.eq_w ? c : c - m.eq_w;
        if (out[col] != 0) continue;
        const float s = m.sin_lon[static_cast<std::size_t>(col)], k = m.cos_lon[static_cast<std::size_t>(col)];
        const float z = az * s + bz * k + cz;
        if (z <= 0) continue;
        const float inv = 1.0f / z;
        const float x = fx * (ax * s + bx * k + cx) * inv + px;
        const float y = fy * (ay * s + by * k + cy) * inv + py;
        if (x < wk.x0 || x > wk.x1 || y < wk.y0 || y > wk.y1) continue;
        if (SampleBilinear(*wk.mask, x, y) >= 127.5f) out[col] = 255;
      }
    }
  });
  return eq;
}

void SphereMasker::AddNadir(Image& eq_mask, double deg_below_horizon) {
  CheckMask(eq_mask, "nadir mask");
  if (!(deg_below_horizon >= -90 && deg_below_horizon <= 90)) {
    throw Error("/mask/nadir: " + std::to_string(deg_below_horizon) + " is not a latitude in [-90, 90] degrees");
  }
  const int h = eq_mask.height();
  const double limit = -DegToRad(deg_below_horizon);
  for (int j = 0; j < h; ++j) {
    const double lat = kPi / 2 - kPi * (j + 0.5) / h;
    if (lat < limit) std::memset(eq_mask.Row(j), 255, static_cast<std::size_t>(eq_mask.width()));
  }
}

void SphereMasker::Impl::ViewFromEquirect(const Image& eq, const Occupancy& occupancy, std::size_t view,
                                          Image& out) const {
  const ViewData& vd = views[view];
  const Mat3& r = vd.geometry.pano_from_cam;
  const Pinhole& cam = vd.geometry.camera;
  // Direction of pixel centre (x, y) = base + x * dx + y * dy (not normalised).
  const Vec3 col0{r(0, 0), r(1, 0), r(2, 0)}, col1{r(0, 1), r(1, 1), r(2, 1)}, col2{r(0, 2), r(1, 2), r(2, 2)};
  const Vec3 dx = col0 * (1.0 / cam.fx), dy = col1 * (1.0 / cam.fy);
  const Vec3 base = col2 + dx * (0.5 - cam.cx) + dy * (0.5 - cam.cy);
  const int w = eq_w, h = eq_h, half = eq_w / 2;
  const auto u_scale = static_cast<float>(w / (2 * kPi)), v_scale = static_cast<float>(h / kPi);
  const auto pi_f = static_cast<float>(kPi), half_pi_f = static_cast<float>(kPi / 2);
  // Row y of the equirect continued over the poles as FillEquirectBorder does (row -1-k = row k
  // half a turn around), and whether it is turned by half a turn.
  auto source_row = [&](int y, bool* turned) -> const std::uint8_t* {
    *turned = y < 0 || y >= h;
    if (y < 0) y = -1 - y;
    if (y >= h) y = 2 * h - 1 - y;
    return eq.Row(std::clamp(y, 0, h - 1));
  };
  auto wrap = [w](int x) { return x < 0 ? x + w : (x >= w ? x - w : x); };
  const float dxx = static_cast<float>(dx.x), dxy = static_cast<float>(dx.y), dxz = static_cast<float>(dx.z);
  tbb::parallel_for(0, vd.tiles_y * vd.tiles_x, [&](int t) {
    if (!occupancy.Any(vd.tile_regions[static_cast<std::size_t>(t)])) return;
    const int tx = t % vd.tiles_x, ty = t / vd.tiles_x;
    const int x_end = std::min(cam.width, (tx + 1) * kTile), y_end = std::min(cam.height, (ty + 1) * kTile);
    for (int y = ty * kTile; y < y_end; ++y) {
      std::uint8_t* row = out.Row(y);
      const Vec3 row_base = base + dy * y;
      const auto bx = static_cast<float>(row_base.x), by = static_cast<float>(row_base.y),
                 bz = static_cast<float>(row_base.z);
      for (int x = tx * kTile; x < x_end; ++x) {
        const auto fxi = static_cast<float>(x);
        const float px = bx + fxi * dxx, py = by + fxi * dxy, pz = bz + fxi * dxz;
        const float lon = FastAtan2(px, pz);
        const float lat = FastAtan2(-py, std::sqrt(px * px + pz * pz));
        const float su = (lon + pi_f) * u_scale - 0.5f, sv = (half_pi_f - lat) * v_scale - 0.5f;
        const float fu = std::floor(su), fv = std::floor(sv);
        const float au = su - fu, av = sv - fv;
        const int iu = wrap(static_cast<int>(fu)), iv = static_cast<int>(fv);
        const int iu1 = iu + 1 == w ? 0 : iu + 1;
        bool turned0 = false, turned1 = false;
        const std::uint8_t* r0 = source_row(iv, &turned0);
        const std::uint8_t* r1 = source_row(iv + 1, &turned1);
        const int a0 = turned0 ? wrap(iu + half) : iu, b0 = turned0 ? wrap(iu1 + half) : iu1;
        const int a1 = turned1 ? wrap(iu + half) : iu, b1 = turned1 ? wrap(iu1 + half) : iu1;
        const auto t00 = static_cast<float>(r0[a0]), t10 = static_cast<float>(r0[b0]);
        const auto t01 = static_cast<float>(r1[a1]), t11 = static_cast<float>(r1[b1]);
        const float top = t00 + au * (t10 - t00), bottom = t01 + au * (t11 - t01);
        row[x] = top + av * (bottom - top) >= 127.5f ? std::uint8_t{255} : std::uint8_t{0};
      }
    }
  });
}

Image SphereMasker::ToView(const Image& eq_mask, std::size_t view) const {
  const Impl& m = *impl_;
  if (view >= m.views.size()) {
    throw Error("sphere mask: view " + std::to_string(view) + " of a rig of " + std::to_string(m.views.size()));
  }
  CheckMask(eq_mask, "sphere mask");
  if (eq_mask.width() != m.eq_w || eq_mask.height() != m.eq_h) {
    throw Error("sphere mask: equirect mask is " + SizeText(eq_mask.width(), eq_mask.height()) + ", expected " +
                SizeText(m.eq_w, m.eq_h));
  }
  const Pinhole& cam = m.views[view].geometry.camera;
  Image out = ZeroMask(cam.width, cam.height);
  const Occupancy occupancy(eq_mask);
  m.ViewFromEquirect(eq_mask, occupancy, view, out);
  return out;
}

std::vector<Image> SphereMasker::ToViews(const Image& eq_mask) const {
  const Impl& m = *impl_;
  CheckMask(eq_mask, "sphere mask");
  if (eq_mask.width() != m.eq_w || eq_mask.height() != m.eq_h) {
    throw Error("sphere mask: equirect mask is " + SizeText(eq_mask.width(), eq_mask.height()) + ", expected " +
                SizeText(m.eq_w, m.eq_h));
  }
  const Occupancy occupancy(eq_mask);
  std::vector<Image> out;
  out.reserve(m.views.size());
  for (std::size_t i = 0; i < m.views.size(); ++i) {
    const Pinhole& cam = m.views[i].geometry.camera;
    out.push_back(ZeroMask(cam.width, cam.height));
    m.ViewFromEquirect(eq_mask, occupancy, i, out.back());
  }
  return out;
}

Image OwnershipMask(const Rig& rig, std::size_t view) {
  if (view >= rig.views.size()) {
    throw Error("ownership mask: view " + std::to_string(view) + " of a rig of " + std::to_string(rig.views.size()));
  }
  std::vector<ViewRays> views;
  for (const View& v : rig.views) {
    if (v.width <= 0 || v.height <= 0) throw Error("ownership mask: view '" + v.name + "' has no size");
    views.push_back(RaysOf(v));
  }
  const ViewRays& own = views[view];
  const Pinhole& cam = own.camera;
  Image out(cam.width, cam.height, 1, 1);
  tbb::parallel_for(0, cam.height, [&](int y) {
    std::uint8_t* row = out.Row(y);
    for (int x = 0; x < cam.width; ++x) {
      const Vec3 d = own.Ray(x + 0.5, y + 0.5).Normalized();
      row[x] = HasNearestCentre(views, view, d) ? std::uint8_t{255} : std::uint8_t{0};
    }
  });
  return out;
}

}  // namespace prep360
