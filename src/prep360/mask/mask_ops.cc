#include "prep360/mask/mask_ops.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include <tbb/parallel_for.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

void CheckMask(const Image& mask, const char* what) {
  if (mask.empty() || mask.channels() != 1 || mask.bytes_per_sample() != 1) {
    throw Error(std::string(what) + ": a mask must be an 8-bit single-channel image");
  }
}

void CheckSameSize(const Image& a, const Image& b, const char* what) {
  CheckMask(a, what);
  CheckMask(b, what);
  if (a.width() != b.width() || a.height() != b.height()) {
    throw Error(std::string(what) + ": masks of different sizes (" + std::to_string(a.width()) + "x" +
                std::to_string(a.height()) + " and " + std::to_string(b.width()) + "x" +
                std::to_string(b.height()) + ")");
  }
}

std::size_t Width(const Image& img) { return static_cast<std::size_t>(img.width()); }

// Bounding box of the set pixels, [x0, x1) x [y0, y1); empty (x0 >= x1) when none is set.
struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

Box SetBox(const Image& mask) {
  Box box{mask.width(), mask.height(), 0, 0};
  for (int y = 0; y < mask.height(); ++y) {
    const std::uint8_t* row = mask.Row(y);
    int first = -1;
    for (int x = 0; x < mask.width(); ++x) {
      if (row[x] != 0) {
        first = x;
        break;
      }
    }
    if (first < 0) continue;
    int last = mask.width() - 1;
    while (row[last] == 0) --last;
    box.x0 = std::min(box.x0, first);
    box.x1 = std::max(box.x1, last + 1);
    box.y0 = std::min(box.y0, y);
    box.y1 = y + 1;
  }
  return box;
}

}  // namespace

// Exact Euclidean dilation in two separable passes over the bounding box of the set pixels grown
// by the radius (Meijster-style):
//  1. g(x, y) = vertical distance from (x, y) to the nearest set pixel in column x, capped at
//     radius + 1 ("too far"); two sweeps over rows, so the inner loops run along rows.
//  2. Per output row, every column x' with g <= r contributes the run [x' - w(g), x' + w(g)],
//     w(g) = floor(sqrt(r^2 - g^2)) (the disk's half-width at height g, precomputed); the union
//     of the runs is the output row. (x, y) is set iff some set pixel (x', y') has
//     (x - x')^2 + (y - y')^2 <= r^2: the nearest set pixel of column x' is the one to test.
void DilateMask(Image& mask, int radius_px) {
  CheckMask(mask, "DilateMask");
  if (radius_px < 0) throw Error("DilateMask: negative radius " + std::to_string(radius_px));
  if (radius_px == 0) return;
  const Box set = SetBox(mask);
  if (set.x0 >= set.x1) return;
  const int r = radius_px;
  const int bx0 = std::max(0, set.x0 - r), bx1 = std::min(mask.width(), set.x1 + r);
  const int by0 = std::max(0, set.y0 - r), by1 = std::min(mask.height(), set.y1 + r);
  const int bw = bx1 - bx0, bh = by1 - by0;
  const double diag2 = static_cast<double>(mask.width()) * mask.width() + static_cast<double>(mask.height()) * mask.height();
  if (static_cast<double>(r) * r >= diag2) {  // every pixel is within r of every other
    mask.Fill(255);
    return;
  }
  if (r >= 65535) throw Error("DilateMask: radius " + std::to_string(r) + " too large");
  const auto far = static_cast<std::uint16_t>(r + 1);  // "more than r away"

  // Pass 1: vertical distances within the box.
  std::vector<std::uint16_t> g(static_cast<std::size_t>(bw) * static_cast<std::size_t>(bh));
  auto grow = [&](int by) { return g.data() + static_cast<std::size_t>(by) * static_cast<std::size_t>(bw); };
  {
    std::vector<std::uint16_t> run(static_cast<std::size_t>(bw), far);
    for (int y = 0; y < bh; ++y) {
      const std::uint8_t* src = mask.Row(by0 + y) + bx0;
      std::uint16_t* dst = grow(y);
      for (int x = 0; x < bw; ++x) {
        const std::uint16_t next = static_cast<std::uint16_t>(std::min<int>(run[x] + 1, far));
        run[x] = src[x] != 0 ? std::uint16_t{0} : next;
        dst[x] = run[x];
      }
    }
    std::fill(run.begin(), run.end(), far);
    for (int y = bh - 1; y >= 0; --y) {
      std::uint16_t* dst = grow(y);
      for (int x = 0; x < bw; ++x) {
        const std::uint16_t next = static_cast<std::uint16_t>(std::min<int>(run[x] + 1, far));
        run[x] = dst[x] == 0 ? std::uint16_t{0} : next;
        dst[x] = std::min(dst[x], run[x]);
      }
    }
  }

  // Half-width of the disk at each height 0..r (exact integer square root).
  std::vector<int> half(static_cast<std::size_t>(r) + 1);
  for (int dy = 0; dy <= r; ++dy) {
    const std::int64_t rem = static_cast<std::int64_t>(r) * r - static_cast<std::int64_t>(dy) * dy;
    auto w = static_cast<std::int64_t>(std::sqrt(static_cast<double>(rem)));
    while (w * w > rem) --w;
    while ((w + 1) * (w + 1) <= rem) ++w;
    half[static_cast<std::size_t>(dy)] = static_cast<int>(w);
  }

  // Pass 2: per row, union of runs.
  tbb::parallel_for(0, bh, [&](int y) {
    const std::uint16_t* gy = grow(y);
    // reach_from[s]: the furthest end of a run that starts at s (-1 = none).
    std::vector<int> reach_from(static_cast<std::size_t>(bw), -1);
    for (int x = 0; x < bw; ++x) {
      if (gy[x] > r) continue;
      const int w = half[gy[x]];
      const int s = std::max(0, x - w);
      reach_from[static_cast<std::size_t>(s)] = std::max(reach_from[static_cast<std::size_t>(s)], x + w);
    }
    std::uint8_t* out = mask.Row(by0 + y) + bx0;
    int reach = -1;
    for (int x = 0; x < bw; ++x) {
      reach = std::max(reach, reach_from[static_cast<std::size_t>(x)]);
      out[x] = x <= reach ? std::uint8_t{255} : std::uint8_t{0};
    }
  });
}

void InvertMask(Image& mask) {
  CheckMask(mask, "InvertMask");
  for (int y = 0; y < mask.height(); ++y) {
    std::uint8_t* row = mask.Row(y);
    for (std::size_t x = 0; x < Width(mask); ++x) row[x] = row[x] != 0 ? std::uint8_t{0} : std::uint8_t{255};
  }
}

void UnionMask(Image& dst, const Image& src) {
  CheckSameSize(dst, src, "UnionMask");
  for (int y = 0; y < dst.height(); ++y) {
    std::uint8_t* d = dst.Row(y);
    const std::uint8_t* s = src.Row(y);
    for (std::size_t x = 0; x < Width(dst); ++x) d[x] = std::max(d[x], s[x]);
  }
}

std::int64_t CountSet(const Image& mask) {
  CheckMask(mask, "CountSet");
  std::int64_t n = 0;
  for (int y = 0; y < mask.height(); ++y) {
    const std::uint8_t* row = mask.Row(y);
    std::int64_t row_n = 0;
    for (std::size_t x = 0; x < Width(mask); ++x) row_n += row[x] != 0 ? 1 : 0;
    n += row_n;
  }
  return n;
}

double MaskIoU(const Image& a, const Image& b) {
  CheckSameSize(a, b, "MaskIoU");
  std::int64_t both = 0, either = 0;
  for (int y = 0; y < a.height(); ++y) {
    const std::uint8_t* ra = a.Row(y);
    const std::uint8_t* rb = b.Row(y);
    for (std::size_t x = 0; x < Width(a); ++x) {
      const bool sa = ra[x] != 0, sb = rb[x] != 0;
      both += (sa && sb) ? 1 : 0;
      either += (sa || sb) ? 1 : 0;
    }
  }
  return either == 0 ? 1.0 : static_cast<double>(both) / static_cast<double>(either);
}

}  // namespace prep360
