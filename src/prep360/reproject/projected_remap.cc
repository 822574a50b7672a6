#include "prep360/reproject/projected_remap.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string>

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

// Fills the entries of a width x height output whose pixel (x, y) (continuous) looks along
// ray_at(x, y).
template <class RayAt>
std::unique_ptr<RemapTable> Build(int width, int height, const RayMapper& mapper, int src_width, int src_height,
                                  Interpolation interp, const RayAt& ray_at) {
  const std::size_t n = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  auto entries = std::make_unique<RemapEntry[]>(n);
  auto blend = std::make_unique<RemapBlend>();
  blend->second = std::make_unique<RemapEntry[]>(n);
  blend->weight = std::make_unique<std::uint16_t[]>(n);
  blend->columns.assign(static_cast<std::size_t>(height), RowRange{});
  const Quantiser q{src_width, src_height, src_width + 2 * kEquirectBorder, interp == Interpolation::kNearest};
  tbb::parallel_for(tbb::blocked_range<int>(0, height, 4), [&](const tbb::blocked_range<int>& rows) {
    ProjectedSamples s;
    for (int y = rows.begin(); y < rows.end(); ++y) {
      const std::size_t row = static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
      RowRange& cols = blend->columns[static_cast<std::size_t>(y)];
      cols = {width, 0};
      for (int x = 0; x < width; ++x) {
        mapper.Map(ray_at(x + 0.5, y + 0.5), s);
        const std::size_t i = row + static_cast<std::size_t>(x);
        entries[i] = q(s.x[0], s.y[0]);
        const auto w = static_cast<std::uint16_t>(s.count == 2 ? std::lround(s.weight2 * RemapBlend::kBlendOne) : 0);
        blend->weight[i] = w;
        blend->second[i] = w > 0 ? q(s.x[1], s.y[1]) : entries[i];
        if (w > 0) cols = {std::min(cols.begin, x), std::max(cols.end, x + 1)};
      }
      if (cols.empty()) cols = {};
    }
  });
  bool any = false;
  for (const RowRange& r : blend->columns) any |= !r.empty();
  if (!any) blend.reset();
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
               [&](double x, double y) { return pano_from_cam * camera.Ray(x, y); });
}

std::unique_ptr<RemapTable> BuildProjectedEquirectTable(int eq_width, int eq_height, const SourceProjection& projection,
                                                        int src_width, int src_height, Interpolation interp) {
  CheckSizes(eq_width, eq_height, src_width, src_height);
  const std::unique_ptr<RayMapper> mapper = projection.ForSize(src_width, src_height, nullptr);
  return Build(eq_width, eq_height, *mapper, src_width, src_height, interp,
               [&](double u, double v) { return DirectionFromEquirect(u, v, eq_width, eq_height); });
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
