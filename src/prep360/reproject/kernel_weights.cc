#include "prep360/reproject/kernel_weights.h"

#include <cmath>
#include <numbers>

namespace prep360::remap_internal {
namespace {

double Keys(double d) {
  constexpr double a = -0.5;
  d = std::fabs(d);
  if (d <= 1) return ((a + 2) * d - (a + 3)) * d * d + 1;
  if (d < 2) return ((a * d - 5 * a) * d + 8 * a) * d - 4 * a;
  return 0;
}

double Sinc(double x) {
  if (std::fabs(x) < 1e-12) return 1;
  const double px = std::numbers::pi * x;
  return std::sin(px) / px;
}

double Lanczos3(double d) { return std::fabs(d) < 3 ? Sinc(d) * Sinc(d / 3) : 0; }

KernelLut MakeLut(int taps, double (*kernel)(double)) {
  KernelLut lut;
  lut.taps = taps;
  for (int p = 0; p < kPhases; ++p) {
    const double t = static_cast<double>(p) / (kPhases - 1);
    double w[8] = {};
    double sum = 0;
    for (int k = 0; k < taps; ++k) {
      w[k] = kernel(static_cast<double>(k - (taps / 2 - 1)) - t);
      sum += w[k];
    }
    int qsum = 0, biggest = 0;
    for (int k = 0; k < taps; ++k) {
      w[k] /= sum;
      lut.f[p][k] = static_cast<float>(w[k]);
      lut.q[p][k] = static_cast<std::int16_t>(std::lround(w[k] * (1 << kWeightBits)));
      qsum += lut.q[p][k];
      if (w[k] > w[biggest]) biggest = k;
    }
    lut.q[p][biggest] = static_cast<std::int16_t>(lut.q[p][biggest] + (1 << kWeightBits) - qsum);
    for (int pair = 0; pair < 3; ++pair) {
      for (int r = 0; r < 4; ++r) {
        lut.pairs[p][pair][2 * r] = lut.q[p][2 * pair];
        lut.pairs[p][pair][2 * r + 1] = lut.q[p][2 * pair + 1];
      }
    }
  }
  return lut;
}

}  // namespace

const KernelLut& CubicLut() {
  static const KernelLut lut = MakeLut(4, Keys);
  return lut;
}

const KernelLut& Lanczos3Lut() {
  static const KernelLut lut = MakeLut(6, Lanczos3);
  return lut;
}

}  // namespace prep360::remap_internal
