#include "prep360/video/motion.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <vector>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct Plane {
  int w = 0, h = 0;
  std::vector<std::uint8_t> p;
  int At(int x, int y) const { return p[static_cast<std::size_t>(y) * static_cast<std::size_t>(w) + static_cast<std::size_t>(x)]; }
  const std::uint8_t* Row(int y) const { return p.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(w); }
};

// A plane with `pad` wrapped columns on each side (the equirect's ±180° seam), so block
// comparisons index straight into memory.
struct WrappedPlane {
  int w = 0, h = 0, pad = 0, stride = 0;
  std::vector<std::uint8_t> p;
  WrappedPlane(const Plane& a, int pad_columns) : w(a.w), h(a.h), pad(pad_columns), stride(a.w + 2 * pad_columns) {
    p.resize(static_cast<std::size_t>(stride) * static_cast<std::size_t>(h));
    for (int y = 0; y < h; ++y) {
      for (int x = -pad; x < w + pad; ++x) {
        const int sx = ((x % w) + w) % w;
        p[static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x + pad)] =
            static_cast<std::uint8_t>(a.At(sx, y));
      }
    }
  }
  // Pointer to column x (−pad <= x < w + pad) of row y.
  const std::uint8_t* At(int x, int y) const {
    return p.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride) + static_cast<std::size_t>(x + pad);
  }
};

Plane Half(const Plane& a) {
  Plane b;
  b.w = std::max(1, a.w / 2);
  b.h = std::max(1, a.h / 2);
  b.p.resize(static_cast<std::size_t>(b.w) * static_cast<std::size_t>(b.h));
  for (int y = 0; y < b.h; ++y) {
    const int y0 = std::min(2 * y, a.h - 1), y1 = std::min(2 * y + 1, a.h - 1);
    for (int x = 0; x < b.w; ++x) {
      const int x0 = std::min(2 * x, a.w - 1), x1 = std::min(2 * x + 1, a.w - 1);
      const int sum = a.At(x0, y0) + a.At(x1, y0) + a.At(x0, y1) + a.At(x1, y1);
      b.p[static_cast<std::size_t>(y) * static_cast<std::size_t>(b.w) + static_cast<std::size_t>(x)] =
          static_cast<std::uint8_t>((sum + 2) / 4);
    }
  }
  return b;
}

constexpr double kInvalid = std::numeric_limits<double>::infinity();

// Mean absolute difference between the block of `cur` at (x, y) and the block of `prev` moved by
// (dx, dy), wrapping horizontally; blocks leaving the top or bottom (or the pad) are invalid.
double BlockCost(const Plane& cur, const WrappedPlane& prev, int x, int y, int size, int dx, int dy) {
  if (y + dy < 0 || y + dy + size > prev.h) return kInvalid;
  if (x + dx < -prev.pad || x + dx + size > prev.w + prev.pad) return kInvalid;
  int sum = 0;
  for (int j = 0; j < size; ++j) {
    const std::uint8_t* __restrict c = cur.Row(y + j) + x;
    const std::uint8_t* __restrict q = prev.At(x + dx, y + j + dy);
    for (int i = 0; i < size; ++i) sum += std::abs(c[i] - q[i]);
  }
  return static_cast<double>(sum) / (size * size);
}

// Best (dx, dy) within `radius` of (cx, cy).
void Search(const Plane& cur, const WrappedPlane& prev, int x, int y, int size, int radius, int& cx, int& cy) {
  double best = kInvalid;
  int bx = cx, by = cy;
  for (int dy = cy - radius; dy <= cy + radius; ++dy) {
    for (int dx = cx - radius; dx <= cx + radius; ++dx) {
      const double c = BlockCost(cur, prev, x, y, size, dx, dy);
      // Ties go to the smaller displacement, so a flat match does not invent motion.
      if (c < best || (c == best && std::abs(dx) + std::abs(dy) < std::abs(bx) + std::abs(by))) {
        best = c;
        bx = dx;
        by = dy;
      }
    }
  }
  cx = bx;
  cy = by;
}

// Sub-pixel offset of the minimum of a parabola through (−1, a), (0, b), (1, c).
double ParabolaOffset(double a, double b, double c) {
  if (!std::isfinite(a) || !std::isfinite(c)) return 0;
  const double denom = a - 2 * b + c;
  if (denom <= 0) return 0;
  return std::clamp(0.5 * (a - c) / denom, -0.5, 0.5);
}

// Mean absolute deviation of a block: below ~2 grey levels a block is flat (sky, wall) and its
// match says nothing.
double BlockTexture(const Plane& a, int x, int y, int size) {
  int sum = 0;
  for (int j = 0; j < size; ++j)
    for (int i = 0; i < size; ++i) sum += a.At(x + i, y + j);
  const double mean = static_cast<double>(sum) / (size * size);
  double dev = 0;
  for (int j = 0; j < size; ++j)
    for (int i = 0; i < size; ++i) dev += std::abs(a.At(x + i, y + j) - mean);
  return dev / (size * size);
}

}  // namespace

double Motion(const LumaThumbnail& previous, const LumaThumbnail& current) {
  if (previous.width != current.width || previous.height != current.height) {
    throw Error("Motion: thumbnails differ in size");
  }
  const int w = current.width, h = current.height;
  if (w < 16 || h < 8) return 0;
  std::vector<Plane> cur(1), prev(1);
  cur[0] = Plane{w, h, current.pixels};
  prev[0] = Plane{w, h, previous.pixels};

  // Blocks of ~22.5 degrees (32 px at 512 wide), at least 8 px at the coarsest level.
  const int block = std::max(16, (w / 16) / 4 * 4);
  int levels = 0;
  while ((block >> (levels + 1)) >= 8 && (w >> (levels + 1)) >= 32) ++levels;
  for (int l = 1; l <= levels; ++l) {
    cur.push_back(Half(cur.back()));
    prev.push_back(Half(prev.back()));
  }
  // Search reach at the coarsest level: ±1/8 of the width (±45 degrees).
  const int coarse_radius = std::max(2, (w / 8) >> levels);
  std::vector<WrappedPlane> wrapped;
  for (int l = 0; l <= levels; ++l) {
    // The largest shift level l can reach: the coarse reach scaled up plus ±2 per finer level
    // and ±1 for the sub-pixel fit.
    const int reach = (coarse_radius << (levels - l)) + 4 * (levels - l + 1) + 2;
    wrapped.emplace_back(prev[static_cast<std::size_t>(l)], reach);
  }

  // Rows within ±60 degrees of the horizon.
  const int band_top = h / 6, band_bottom = h - h / 6;
  std::vector<double> lengths;
  for (int by = band_top; by + block <= band_bottom; by += block) {
    for (int bx = 0; bx + block <= w; bx += block) {
      if (BlockTexture(cur[0], bx, by, block) < 2.0) continue;
      int dx = 0, dy = 0;
      for (int l = levels; l >= 0; --l) {
        if (l < levels) {
          dx *= 2;
          dy *= 2;
        }
        const int ls = block >> l;
        Search(cur[static_cast<std::size_t>(l)], wrapped[static_cast<std::size_t>(l)], bx >> l, by >> l, ls,
               l == levels ? coarse_radius : 2, dx, dy);
      }
      const Plane& c = cur[0];
      const WrappedPlane& p = wrapped[0];
      const double c0 = BlockCost(c, p, bx, by, block, dx, dy);
      if (c0 == 0) {  // an exact match needs no sub-pixel refinement
        lengths.push_back(std::hypot(dx, dy));
        continue;
      }
      const double sx = ParabolaOffset(BlockCost(c, p, bx, by, block, dx - 1, dy), c0,
                                       BlockCost(c, p, bx, by, block, dx + 1, dy));
      const double sy = ParabolaOffset(BlockCost(c, p, bx, by, block, dx, dy - 1), c0,
                                       BlockCost(c, p, bx, by, block, dx, dy + 1));
      lengths.push_back(std::hypot(dx + sx, dy + sy));
    }
  }
  if (lengths.empty()) return 0;
  const auto mid = lengths.begin() + static_cast<std::ptrdiff_t>(lengths.size() / 2);
  std::nth_element(lengths.begin(), mid, lengths.end());
  return *mid * 360.0 / w;
}

}  // namespace prep360
