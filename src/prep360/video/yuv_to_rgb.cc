#include "prep360/video/yuv_to_rgb.h"

#include <cmath>

#include "prep360/reproject/equirect_border_source.h"
#include "prep360/util/error.h"
#include "prep360/video/yuv_to_rgb_reference.h"

namespace prep360 {
namespace {

std::int32_t Fixed(double v, int bits) { return static_cast<std::int32_t>(std::lround(v * (1 << bits))); }

}  // namespace

YuvToRgbCoeffs MakeYuvToRgbCoeffs(double kr, double kb, bool full_range, int bits) {
  const double kg = 1.0 - kr - kb;
  const double levels = static_cast<double>(1 << (bits - 8));  // 1 (8-bit) or 4 (10-bit)
  const double y_scale = full_range ? 255.0 / ((1 << bits) - 1) : 255.0 / (219.0 * levels);
  const double c_scale = full_range ? 255.0 / ((1 << bits) - 1) : 255.0 / (224.0 * levels);
  YuvToRgbCoeffs k;
  k.y_offset = full_range ? 0 : 16 << (bits - 8);
  k.c_offset = 16 * (128 << (bits - 8));
  k.y_mul = Fixed(y_scale, kYuvRgbShift);
  // The chroma sums are x16: their coefficients carry 4 bits less.
  const int cb_bits = kYuvRgbShift - 4;
  k.r_cr = Fixed(2.0 * (1.0 - kr) * c_scale, cb_bits);
  k.b_cb = Fixed(2.0 * (1.0 - kb) * c_scale, cb_bits);
  k.g_cb = Fixed(2.0 * kb * (1.0 - kb) / kg * c_scale, cb_bits);
  k.g_cr = Fixed(2.0 * kr * (1.0 - kr) / kg * c_scale, cb_bits);
  return k;
}

void YuvToRgbReference(const SemiPlanarFrame& f, const YuvToRgbCoeffs& k, Image& out) {
  if (out.width() != f.width || out.height() != f.height || out.channels() != 3 || out.bytes_per_sample() != 1) {
    throw Error("YuvToRgbReference: the output must be an 8-bit RGB image of the frame's size");
  }
  const int b = out.border();
  for (int y = -b; y < f.height + b; ++y) {
    for (int x = -b; x < f.width + b; ++x) {
      int sx = x, sy = y;
      EquirectBorderSource(x, y, f.width, f.height, sx, sy);
      YuvPixelToRgb(f, k, sx, sy, out.PixelPtr(x, y));
    }
  }
}

}  // namespace prep360
