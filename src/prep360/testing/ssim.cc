#include "prep360/testing/ssim.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace prep360::testkit {
namespace {

double Luma(const Image& img, int x, int y) {
  if (img.channels() < 3) return img.At(x, y, 0);
  return 0.299 * img.At(x, y, 0) + 0.587 * img.At(x, y, 1) + 0.114 * img.At(x, y, 2);
}

}  // namespace

double Ssim(const Image& a, const Image& b, int x0, int y0, int x1, int y1) {
  if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels() ||
      a.bytes_per_sample() != b.bytes_per_sample()) {
    throw std::invalid_argument("Ssim: images differ in size or format");
  }
  x0 = std::max(0, x0), y0 = std::max(0, y0), x1 = std::min(a.width(), x1), y1 = std::min(a.height(), y1);
  constexpr int kWin = 7;
  if (x1 - x0 < kWin || y1 - y0 < kWin) throw std::invalid_argument("Ssim: region smaller than 7x7");
  const double range = a.bytes_per_sample() == 1 ? 255.0 : 65535.0;
  const double c1 = (0.01 * range) * (0.01 * range), c2 = (0.03 * range) * (0.03 * range);
  double total = 0;
  int windows = 0;
  for (int wy = y0; wy + kWin <= y1; ++wy) {
    for (int wx = x0; wx + kWin <= x1; ++wx) {
      double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      for (int y = wy; y < wy + kWin; ++y) {
        for (int x = wx; x < wx + kWin; ++x) {
          const double va = Luma(a, x, y), vb = Luma(b, x, y);
          sa += va, sb += vb, saa += va * va, sbb += vb * vb, sab += va * vb;
        }
      }
      const double n = kWin * kWin;
      const double ma = sa / n, mb = sb / n;
      const double va = saa / n - ma * ma, vb = sbb / n - mb * mb, cov = sab / n - ma * mb;
      total += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      ++windows;
    }
  }
  return total / windows;
}

}  // namespace prep360::testkit
