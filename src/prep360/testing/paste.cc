#include "prep360/testing/paste.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace prep360::testkit {
namespace {

double Bilinear(const Image& img, double x, double y, int c) {
  x = std::clamp(x - 0.5, 0.0, img.width() - 1.0);
  y = std::clamp(y - 0.5, 0.0, img.height() - 1.0);
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, img.width() - 1), y1 = std::min(y0 + 1, img.height() - 1);
  const double fx = x - x0, fy = y - y0;
  return (1 - fy) * ((1 - fx) * img.At(x0, y0, c) + fx * img.At(x1, y0, c)) +
         fy * ((1 - fx) * img.At(x0, y1, c) + fx * img.At(x1, y1, c));
}

}  // namespace

void PasteScaled(const Image& src, double scale, Image& dst, double x, double y) {
  if (src.channels() != dst.channels() || src.bytes_per_sample() != dst.bytes_per_sample()) {
    throw std::invalid_argument("PasteScaled: formats differ");
  }
  const int dx0 = std::max(0, static_cast<int>(std::floor(x))), dy0 = std::max(0, static_cast<int>(std::floor(y)));
  const int dx1 = std::min(dst.width(), static_cast<int>(std::ceil(x + src.width() * scale)));
  const int dy1 = std::min(dst.height(), static_cast<int>(std::ceil(y + src.height() * scale)));
  constexpr int kSub = 4;
  for (int py = dy0; py < dy1; ++py) {
    for (int px = dx0; px < dx1; ++px) {
      for (int c = 0; c < dst.channels(); ++c) {
        double sum = 0;
        for (int sy = 0; sy < kSub; ++sy) {
          for (int sx = 0; sx < kSub; ++sx) {
            const double ux = (px + (sx + 0.5) / kSub - x) / scale, uy = (py + (sy + 0.5) / kSub - y) / scale;
            sum += Bilinear(src, ux, uy, c);
          }
        }
        dst.Set(px, py, c, static_cast<std::uint32_t>(std::lround(sum / (kSub * kSub))));
      }
    }
  }
}

PixelBox PasteFaceInEquirect(const Image& portrait, Image& eq, double cx, double cy, double face_px) {
  const PixelBox& f = kAstronautFace;
  const double s = face_px / (f.x1 - f.x0);
  const double fx = 0.5 * (f.x0 + f.x1) * s, fy = 0.5 * (f.y0 + f.y1) * s;
  const double w = eq.width();
  for (const double shift : {-w, 0.0, w}) PasteScaled(portrait, s, eq, cx - fx + shift, cy - fy);
  const double h = (f.y1 - f.y0) * s;
  return {cx - face_px / 2, cy - h / 2, cx + face_px / 2, cy + h / 2};
}

}  // namespace prep360::testkit
