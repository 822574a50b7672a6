#include "prep360/ocr/quad_crop.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

double Length(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

void SampleBilinear(const Image& rgb, double x, double y, std::uint8_t* out) {
  x = std::clamp(x, 0.0, static_cast<double>(rgb.width() - 1));
  y = std::clamp(y, 0.0, static_cast<double>(rgb.height() - 1));
  const int x0 = static_cast<int>(x), y0 = static_cast<int>(y);
  const int x1 = std::min(x0 + 1, rgb.width() - 1), y1 = std::min(y0 + 1, rgb.height() - 1);
  const double fx = x - x0, fy = y - y0;
  const std::uint8_t* a = rgb.PixelPtr(x0, y0);
  const std::uint8_t* b = rgb.PixelPtr(x1, y0);
  const std::uint8_t* c = rgb.PixelPtr(x0, y1);
  const std::uint8_t* d = rgb.PixelPtr(x1, y1);
  for (int k = 0; k < 3; ++k) {
    const double top = a[k] + (b[k] - a[k]) * fx, bottom = c[k] + (d[k] - c[k]) * fx;
    out[k] = static_cast<std::uint8_t>(std::clamp(std::lround(top + (bottom - top) * fy), 0L, 255L));
  }
}

// 90° counter-clockwise: column x of the source becomes row (width - 1 - x).
Image RotateCounterClockwise(const Image& image) {
  Image out(image.height(), image.width(), 3, 1);
  for (int y = 0; y < out.height(); ++y) {
    for (int x = 0; x < out.width(); ++x) {
      const std::uint8_t* s = image.PixelPtr(image.width() - 1 - y, x);
      std::copy(s, s + 3, out.PixelPtr(x, y));
    }
  }
  return out;
}

}  // namespace

Image CropQuad(const Image& rgb, const Quad& q) {
  if (rgb.channels() != 3 || rgb.bytes_per_sample() != 1 || rgb.empty()) {
    throw Error("text crop: want a non-empty 8-bit RGB image");
  }
  const int w = std::max(1, static_cast<int>(std::max(Length(q[0], q[1]), Length(q[2], q[3]))));
  const int h = std::max(1, static_cast<int>(std::max(Length(q[0], q[3]), Length(q[1], q[2]))));
  Image crop(w, h, 3, 1);
  for (int j = 0; j < h; ++j) {
    const double v = (j + 0.5) / h;
    for (int i = 0; i < w; ++i) {
      const double u = (i + 0.5) / w;
      const double x = (1 - u) * (1 - v) * q[0].x + u * (1 - v) * q[1].x + u * v * q[2].x + (1 - u) * v * q[3].x;
      const double y = (1 - u) * (1 - v) * q[0].y + u * (1 - v) * q[1].y + u * v * q[2].y + (1 - u) * v * q[3].y;
      SampleBilinear(rgb, x - 0.5, y - 0.5, crop.PixelPtr(i, j));
    }
  }
  if (static_cast<double>(h) / w >= 1.5) return RotateCounterClockwise(crop);
  return crop;
}

Image Rotate180(const Image& image) {
  Image out(image.width(), image.height(), image.channels(), image.bytes_per_sample());
  const std::size_t px = image.bytes_per_pixel();
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      const std::uint8_t* s = image.PixelPtr(image.width() - 1 - x, image.height() - 1 - y);
      std::copy(s, s + px, out.PixelPtr(x, y));
    }
  }
  return out;
}

}  // namespace prep360
