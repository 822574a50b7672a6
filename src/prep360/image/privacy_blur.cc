#include "prep360/image/privacy_blur.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace prep360 {
namespace {

constexpr double kFeather = 0.2;  // fade band outside the ellipse, as a fraction of its radii
constexpr double kNoise = 0.08;   // grain amplitude, as a fraction of the format's range

// Deterministic grain in [-1, 1) for pixel (x, y), channel c: the same image blurs to the same
// bytes on every run.
double Grain(int x, int y, int c) {
  std::uint32_t h = static_cast<std::uint32_t>(x) * 0x9E3779B1u ^ static_cast<std::uint32_t>(y) * 0x85EBCA77u ^
                    static_cast<std::uint32_t>(c) * 0xC2B2AE3Du;
  h ^= h >> 15, h *= 0x2C1B3C6Du, h ^= h >> 12, h *= 0x297A2D39u, h ^= h >> 15;
  return static_cast<double>(h) / 2147483648.0 - 1.0;
}

// Separable Gaussian of one plane (w x h floats), edges clamped.
void GaussianBlur(std::vector<float>& plane, int w, int h, double sigma) {
  const int radius = std::max(1, static_cast<int>(std::ceil(3 * sigma)));
  std::vector<float> kernel(2 * static_cast<std::size_t>(radius) + 1);
  double sum = 0;
  for (int i = -radius; i <= radius; ++i) sum += kernel[static_cast<std::size_t>(i + radius)] = static_cast<float>(std::exp(-0.5 * i * i / (sigma * sigma)));
  for (float& k : kernel) k = static_cast<float>(k / sum);
  std::vector<float> tmp(plane.size());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float acc = 0;
      for (int i = -radius; i <= radius; ++i) acc += kernel[static_cast<std::size_t>(i + radius)] * plane[static_cast<std::size_t>(y) * w + std::clamp(x + i, 0, w - 1)];
      tmp[static_cast<std::size_t>(y) * w + x] = acc;
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      float acc = 0;
      for (int i = -radius; i <= radius; ++i) acc += kernel[static_cast<std::size_t>(i + radius)] * tmp[static_cast<std::size_t>(std::clamp(y + i, 0, h - 1)) * w + x];
      plane[static_cast<std::size_t>(y) * w + x] = acc;
    }
  }
}

// Replaces every cell x cell block of the plane by its mean.
void Pixelate(std::vector<float>& plane, int w, int h, int cell) {
  for (int by = 0; by < h; by += cell) {
    for (int bx = 0; bx < w; bx += cell) {
      const int ey = std::min(h, by + cell), ex = std::min(w, bx + cell);
      double sum = 0;
      for (int y = by; y < ey; ++y) for (int x = bx; x < ex; ++x) sum += plane[static_cast<std::size_t>(y) * w + x];
      const float mean = static_cast<float>(sum / ((ey - by) * (ex - bx)));
      for (int y = by; y < ey; ++y) for (int x = bx; x < ex; ++x) plane[static_cast<std::size_t>(y) * w + x] = mean;
    }
  }
}

void BlurRegion1(Image& image, const BlurRegion& r) {
  const double ox = r.rx * (1 + kFeather), oy = r.ry * (1 + kFeather);
  const int x0 = std::max(0, static_cast<int>(std::floor(r.cx - ox))), x1 = std::min(image.width(), static_cast<int>(std::ceil(r.cx + ox)));
  const int y0 = std::max(0, static_cast<int>(std::floor(r.cy - oy))), y1 = std::min(image.height(), static_cast<int>(std::ceil(r.cy + oy)));
  if (x1 <= x0 || y1 <= y0) return;
  const int w = x1 - x0, h = y1 - y0;
  const int cell = std::max(2, static_cast<int>(std::lround(std::min(r.rx, r.ry) / 3)));
  std::vector<float> plane(static_cast<std::size_t>(w) * h);
  const double max_value = image.bytes_per_sample() == 1 ? 255.0 : 65535.0;
  for (int c = 0; c < image.channels(); ++c) {
    for (int y = 0; y < h; ++y) for (int x = 0; x < w; ++x) plane[static_cast<std::size_t>(y) * w + x] = static_cast<float>(image.At(x0 + x, y0 + y, c));
    Pixelate(plane, w, h, cell);
    GaussianBlur(plane, w, h, cell);
    for (int y = 0; y < h; ++y) {
      for (int x = 0; x < w; ++x) {
        const double dx = (x0 + x + 0.5 - r.cx) / r.rx, dy = (y0 + y + 0.5 - r.cy) / r.ry;
        const double d = std::sqrt(dx * dx + dy * dy);
        const double a = std::clamp((1 + kFeather - d) / kFeather, 0.0, 1.0);
        if (a <= 0) continue;
        const double old = image.At(x0 + x, y0 + y, c);
        const double blurred = plane[static_cast<std::size_t>(y) * w + x] + kNoise * max_value * Grain(x0 + x, y0 + y, c);
        const double v = old + a * (blurred - old);
        image.Set(x0 + x, y0 + y, c, static_cast<std::uint32_t>(std::clamp(std::lround(v), 0L, static_cast<long>(max_value))));
      }
    }
  }
}

}  // namespace

void BlurRegions(Image& image, const std::vector<BlurRegion>& regions) {
  for (const BlurRegion& r : regions) {
    if (r.rx > 0 && r.ry > 0) BlurRegion1(image, r);
  }
}

}  // namespace prep360
