#include "prep360/reproject/projected_remap.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "prep360/geometry/equirect.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct Quantiser {
  int src_width, src_height, stride;
  bool nearest;

  // Entry of the continuous source position (x, y): sample position (x - 0.5, y - 0.5), clamped
  // so every kernel's taps stay in the border, as the equirect builder does.
  RemapEntry operator()(double x, double y) const {
    const double sx = std::clamp(x - 0.5, -0.5, src_width - 0.5);
    const double sy = std::clamp(y - 0.5, -0.5, src_height - 0.5);
    RemapEntry e{};
    if (nearest) {
      const int ix = static_cast<int>(std::floor(sx + 0.5)), iy = static_cast<int>(std::floor(sy + 0.5));
      e.offset = iy * stride + ix;
      return e;
    }
    const double fx = std::floor(sx), fy = std::floor(sy);
    const auto frac = [](double f) {
      return static_cast<std::uint16_t>(std::min(65535.0, std::floor(f * RemapTable::kFracScale + 0.5)));
    };
    e.offset = static_cast<int>(fy) * stride + static_cast<int>(fx);
    e.fx = frac(sx - fx);
    e.fy = frac(sy - fy);
    return e;
  }

  // The entries strictly between two positions (a at out[0], b at out[n]), on the straight line
  // between them, in fixed point: a sample position p is held as (p + 1) * 2^32 (non-negative
  // inside the clamp range), so each entry is a few integer operations. Positions that leave the
  // clamp range take the per-pixel path.
  void Line(double ax, double ay, double bx, double by, RemapEntry* out, int n) const {
    if (!Inside(ax, ay) || !Inside(bx, by)) {
      for (int k = 1; k < n; ++k) {
        const double u = static_cast<double>(k) / n;
        out[k] = (*this)(ax + u * (bx - ax), ay + u * (by - ay));
      }
      return;
    }
    constexpr double kOne = 4294967296.0;  // 2^32
    const auto fixed = [&](double p) { return static_cast<std::int64_t>(std::llround((p + 0.5) * kOne)); };
    const std::int64_t px = fixed(ax), py = fixed(ay);
    const std::int64_t dx = static_cast<std::int64_t>(std::llround((bx - ax) * kOne / n));
    const std::int64_t dy = static_cast<std::int64_t>(std::llround((by - ay) * kOne / n));
    const std::uint32_t half = nearest ? 1u << 31 : 1u << 15;  // to the pixel, or to 1/65536 px
    const int shift = nearest ? 32 : 16;
    for (int k = 1; k < n; ++k) {
      const auto qx = static_cast<std::uint64_t>(px + k * dx + half) >> shift;
      const auto qy = static_cast<std::uint64_t>(py + k * dy + half) >> shift;
      RemapEntry& e = out[k];
      if (nearest) {
        e.offset = (static_cast<int>(qy) - 1) * stride + static_cast<int>(qx) - 1;
        e.fx = e.fy = 0;
      } else {
        e.offset = (static_cast<int>(qy >> 16) - 1) * stride + static_cast<int>(qx >> 16) - 1;
        e.fx = static_cast<std::uint16_t>(qx & 0xFFFF);
        e.fy = static_cast<std::uint16_t>(qy & 0xFFFF);
      }
    }
  }

  // Entries of n single-precision positions (RayMapper::MapLine), clamped as above; positions are
  // held biased by 8 pixels so truncation is floor. One straight loop the compiler vectorises.
  void Float(const float* xs, const float* ys, int n, RemapEntry* out) const {
    constexpr float kBias = 8;
    const float w = static_cast<float>(src_width), h = static_cast<float>(src_height);
    const float scale = nearest ? 1.0f : 65536.0f;
    const int shift = nearest ? 0 : 16, mask = nearest ? 0 : 0xFFFF, base = 8 * stride + 8;
    for (int i = 0; i < n; ++i) {
      const float sx = std::min(std::max(xs[i], 0.0f), w) + (kBias - 0.5f);
      const float sy = std::min(std::max(ys[i], 0.0f), h) + (kBias - 0.5f);
      const int qx = static_cast<int>(sx * scale + 0.5f), qy = static_cast<int>(sy * scale + 0.5f);
      out[i].offset = (qy >> shift) * stride + (qx >> shift) - base;
      out[i].fx = static_cast<std::uint16_t>(qx & mask);
      out[i].fy = static_cast<std::uint16_t>(qy & mask);
    }
  }

 private:
  // (x, y) (continuous, pixel centres at +0.5) needs no clamping.
  bool Inside(double x, double y) const { return x >= 0 && x <= src_width && y >= 0 && y <= src_height; }
};

void CheckSizes(int width, int height, int src_width, int src_height) {
  if (width <= 0 || height <= 0) {
    throw Error("remap table: output size not set (" + std::to_string(width) + "x" + std::to_string(height) + ")");
  }
  if (src_width < kEquirectBorder || src_height < kEquirectBorder || src_width > RemapTable::kMaxEquirectSide ||
      src_height > RemapTable::kMaxEquirectSide) {
    throw Error("source size " + std::to_string(src_width) + "x" + std::to_string(src_height) +
                " not supported (each side " + std::to_string(kEquirectBorder) + ".." +
                std::to_string(RemapTable::kMaxEquirectSide) + ")");
  }
}

// The entries of one output row: the projection is evaluated exactly at the ends of spans of
// kSpan pixels and at each span's middle; where the three agree with a straight line (one sample
// each, the middle within kStraight pixels of the line) the entries between are written along it
// (Quantiser::Line), else the span is halved. Lens switches, face jumps and blend bands are never
// straight, so they are always evaluated pixel by pixel. Exact pixels keep their samples (the
// second sample of blend columns is read from them) and their blend weights; the others get
// weight 0.
template <class MapAt>
class RowMapper {
 public:
  static constexpr int kSpan = 16;
  static constexpr double kStraight = 1.0 / 64;

  RowMapper(const MapAt& map_at, const Quantiser& q, std::vector<ProjectedSamples>& samples,
            std::vector<std::uint16_t>& weights, RemapEntry* row)
      : map_at_(map_at), q_(q), samples_(samples), weights_(weights), row_(row) {}

  // Returns the columns with a second sample.
  RowRange Run(int width) {
    Exact(0);
    for (int a = 0; a < width - 1; a += kSpan) {
      const int b = std::min(a + kSpan, width - 1);
      Exact(b);
      Fill(a, b);
    }
    return blend_;
  }

  // The row from the mapper's fast path (its samples; Map where it has none).
  RowRange RunLine(const LineSamples& line, int width) {
    q_.Float(line.x.data(), line.y.data(), width, row_);
    std::fill(weights_.begin(), weights_.begin() + width, std::uint16_t{0});
    for (int x = 0; x < width; ++x) {
      const auto k = static_cast<std::size_t>(x);
      if (line.count[k] == 0) {
        Exact(x);
      } else if (line.count[k] == 2) {
        ProjectedSamples& s = samples_[k];
        s.count = 2;
        s.x[1] = line.x2[k];
        s.y[1] = line.y2[k];
        s.weight2 = line.weight2[k];
        Weigh(x, s);
      }
    }
    return blend_;
  }

 private:
  void Exact(int x) {
    ProjectedSamples& s = samples_[static_cast<std::size_t>(x)];
    map_at_(x, s);
    row_[x] = q_(s.x[0], s.y[0]);
    Weigh(x, s);
  }

  // The blend weight of pixel x (0 without a second sample).
  void Weigh(int x, const ProjectedSamples& s) {
    const auto w = static_cast<std::uint16_t>(s.count == 2 ? std::lround(s.weight2 * RemapBlend::kBlendOne) : 0);
    weights_[static_cast<std::size_t>(x)] = w;
    if (w > 0) blend_ = {std::min(blend_.begin, x), std::max(blend_.end, x + 1)};
  }

  // Pixels strictly between a and b (both set).
  void Fill(int a, int b) {
    if (b - a < 2) return;
    const int m = (a + b) / 2;
    Exact(m);
    const ProjectedSamples &pa = At(a), &pm = At(m), &pb = At(b);
    const double t = static_cast<double>(m - a) / (b - a);
    if (pa.count == 1 && pm.count == 1 && pb.count == 1 &&
        std::abs(pa.x[0] + t * (pb.x[0] - pa.x[0]) - pm.x[0]) < kStraight &&
        std::abs(pa.y[0] + t * (pb.y[0] - pa.y[0]) - pm.y[0]) < kStraight) {
      const RemapEntry middle = row_[m];
      q_.Line(pa.x[0], pa.y[0], pb.x[0], pb.y[0], row_ + a, b - a);
      row_[m] = middle;  // evaluated exactly
      std::fill(weights_.begin() + a + 1, weights_.begin() + b, std::uint16_t{0});
      return;
    }
    Fill(a, m);
    Fill(m, b);
  }

  const ProjectedSamples& At(int x) const { return samples_[static_cast<std::size_t>(x)]; }

  const MapAt& map_at_;
  const Quantiser& q_;
  std::vector<ProjectedSamples>& samples_;
  std::vector<std::uint16_t>& weights_;
  RemapEntry* row_;
  RowRange blend_{1 << 30, 0};
};

// Packs the rows' second samples (only the columns of each row's blend range) into `blend`.
void PackBlend(std::vector<std::vector<RemapEntry>>& second_rows, std::vector<std::vector<std::uint16_t>>& weight_rows,
               RemapBlend& blend) {
  blend.row_start.assign(second_rows.size() + 1, 0);
  for (std::size_t y = 0; y < second_rows.size(); ++y) {
    blend.row_start[y + 1] = blend.row_start[y] + second_rows[y].size();
  }
  blend.size = blend.row_start.back();
  blend.row_start.pop_back();
  blend.second = std::make_unique<RemapEntry[]>(blend.size);
  blend.weight = std::make_unique<std::uint16_t[]>(blend.size);
  for (std::size_t y = 0; y < second_rows.size(); ++y) {
    std::copy(second_rows[y].begin(), second_rows[y].end(), blend.second.get() + blend.row_start[y]);
    std::copy(weight_rows[y].begin(), weight_rows[y].end(), blend.weight.get() + blend.row_start[y]);
    std::vector<RemapEntry>().swap(second_rows[y]);
    std::vector<std::uint16_t>().swap(weight_rows[y]);
  }
}

// Fills the entries of a width x height output whose pixel (x, y) (continuous) looks along
// ray_at(x, y). With `linear` (a pinhole view: each row's rays are linear in x), rows go through
// the mapper's fast path where it has one.
template <class RayAt>
std::unique_ptr<RemapTable> Build(int width, int height, const RayMapper& mapper, int src_width, int src_height,
                                  Interpolation interp, const RayAt& ray_at, bool linear) {
  const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  std::unique_ptr<RemapEntry[]> entries(new RemapEntry[n]);  // not zeroed: every entry is written below
  auto blend = std::make_unique<RemapBlend>();
  blend->columns.assign(static_cast<std::size_t>(height), RowRange{});
  std::vector<std::vector<RemapEntry>> second_rows(static_cast<std::size_t>(height));
  std::vector<std::vector<std::uint16_t>> weight_rows(static_cast<std::size_t>(height));
  const Quantiser q{src_width, src_height, src_width + 2 * kEquirectBorder, interp == Interpolation::kNearest};
  tbb::parallel_for(tbb::blocked_range<int>(0, height, 4), [&](const tbb::blocked_range<int>& rows) {
    std::vector<ProjectedSamples> samples(static_cast<std::size_t>(width));
    std::vector<std::uint16_t> weights(static_cast<std::size_t>(width));
    LineSamples line;
    for (int y = rows.begin(); y < rows.end(); ++y) {
      const auto map_at = [&](int x, ProjectedSamples& s) { mapper.Map(ray_at(x + 0.5, y + 0.5), s); };
      RemapEntry* row = entries.get() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
      RowMapper<decltype(map_at)> row_mapper(map_at, q, samples, weights, row);
      const Vec3 d0 = ray_at(0.5, y + 0.5), d1 = ray_at(1.5, y + 0.5);
      const RowRange cols = linear && mapper.MapLine(d0, {d1.x - d0.x, d1.y - d0.y, d1.z - d0.z}, width, line)
                                ? row_mapper.RunLine(line, width)
                                : row_mapper.Run(width);
      if (cols.empty()) continue;
      blend->columns[static_cast<std::size_t>(y)] = cols;
      auto& second = second_rows[static_cast<std::size_t>(y)];
      auto& weight = weight_rows[static_cast<std::size_t>(y)];
      for (int x = cols.begin; x < cols.end; ++x) {
        const ProjectedSamples& s = samples[static_cast<std::size_t>(x)];
        const std::uint16_t w = weights[static_cast<std::size_t>(x)];
        second.push_back(w > 0 ? q(s.x[1], s.y[1]) : row[x]);
        weight.push_back(w);
      }
    }
  });
  PackBlend(second_rows, weight_rows, *blend);
  if (blend->size == 0) blend.reset();
  return std::make_unique<RemapTable>(width, height, src_width, src_height, interp, std::move(entries),
                                      std::move(blend));
}

}  // namespace

std::unique_ptr<RemapTable> BuildProjectedViewTable(const Pinhole& camera, const Mat3& pano_from_cam,
                                                    const SourceProjection& projection, int src_width,
                                                    int src_height, Interpolation interp) {
  CheckSizes(camera.width, camera.height, src_width, src_height);
  const Vec3 axis = pano_from_cam * Vec3{0, 0, 1};
  const std::unique_ptr<RayMapper> mapper = projection.ForSize(src_width, src_height, &axis);
  return Build(camera.width, camera.height, *mapper, src_width, src_height, interp,
               [&](double x, double y) { return pano_from_cam * camera.Ray(x, y); }, /*linear=*/true);
}

std::unique_ptr<RemapTable> BuildProjectedEquirectTable(int eq_width, int eq_height, const SourceProjection& projection,
                                                        int src_width, int src_height, Interpolation interp) {
  CheckSizes(eq_width, eq_height, src_width, src_height);
  const std::unique_ptr<RayMapper> mapper = projection.ForSize(src_width, src_height, nullptr);
  return Build(eq_width, eq_height, *mapper, src_width, src_height, interp,
               [&](double u, double v) { return DirectionFromEquirect(u, v, eq_width, eq_height); }, /*linear=*/false);
}

void FillClampBorder(Image& img) {
  const int w = img.width(), h = img.height(), b = img.border();
  if (b == 0 || img.empty()) return;
  const std::size_t bpp = img.bytes_per_pixel();
  for (int y = 0; y < h; ++y) {
    for (int k = 1; k <= b; ++k) {
      std::memcpy(img.PixelPtr(-k, y), img.PixelPtr(0, y), bpp);
      std::memcpy(img.PixelPtr(w - 1 + k, y), img.PixelPtr(w - 1, y), bpp);
    }
  }
  const std::size_t row_bytes = static_cast<std::size_t>(w + 2 * b) * bpp;
  for (int k = 1; k <= b; ++k) {
    std::memcpy(img.PixelPtr(-b, -k), img.PixelPtr(-b, 0), row_bytes);
    std::memcpy(img.PixelPtr(-b, h - 1 + k), img.PixelPtr(-b, h - 1), row_bytes);
  }
}

}  // namespace prep360

namespace prep360 {

RemapTable::RemapTable(int width, int height, int src_width, int src_height, Interpolation interp,
                       std::unique_ptr<RemapEntry[]> entries, std::unique_ptr<RemapBlend> blend)
    : width_(width),
      height_(height),
      eq_width_(src_width),
      eq_height_(src_height),
      interp_(interp),
      source_rows_{0, src_height},
      size_(static_cast<std::size_t>(width) * static_cast<std::size_t>(height)),
      entries_(std::move(entries)),
      blend_(std::move(blend)) {}

}  // namespace prep360
