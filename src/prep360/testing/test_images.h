#pragma once
// Test images (header-only, tests only): generated patterns, pixel comparisons, a file writer and
// the grey thumbnail of a rendered picture.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/video/video_reader.h"

namespace prep360::testkit {

inline void WriteBytes(const std::string& path, const std::vector<std::uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
}

// Every sample different-ish and using the full range (high and low bytes both vary), for
// lossless round trips. Border pixels, if any, are filled with a marker value.
inline Image MakePattern(int width, int height, int channels, int bytes_per_sample, int border = 0,
                         std::uint32_t seed = 1) {
  Image image(width, height, channels, bytes_per_sample, border);
  const std::uint32_t max = bytes_per_sample == 1 ? 0xFFu : 0xFFFFu;
  for (int y = -border; y < height + border; ++y) {
    for (int x = -border; x < width + border; ++x) {
      for (int c = 0; c < channels; ++c) {
        const bool inside = x >= 0 && y >= 0 && x < width && y < height;
        std::uint32_t v = 0x5A5Au;
        if (inside) {
          std::uint32_t h = seed * 2654435761u ^ (static_cast<std::uint32_t>(x) * 73856093u) ^
                            (static_cast<std::uint32_t>(y) * 19349663u) ^
                            (static_cast<std::uint32_t>(c) * 83492791u);
          h ^= h >> 13;
          h *= 0x5bd1e995u;
          h ^= h >> 15;
          v = h;
        }
        image.Set(x, y, c, v & max);
      }
    }
  }
  return image;
}

// A smooth 8- or 16-bit image (JPEG compresses it with small error).
inline Image MakeSmooth(int width, int height, int channels, int bytes_per_sample = 1, int border = 0) {
  Image image(width, height, channels, bytes_per_sample, border);
  const double max = bytes_per_sample == 1 ? 255.0 : 65535.0;
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      for (int c = 0; c < channels; ++c) {
        const double v = 0.5 + 0.35 * std::sin(x / (9.0 + 3 * c)) * std::cos(y / (11.0 + 2 * c)) +
                         0.1 * std::sin((x + y) / 23.0);
        image.Set(x, y, c, static_cast<std::uint32_t>(std::lround(v * max)));
      }
    }
  }
  return image;
}

// Interior pixels equal (same size and layout required).
inline bool SamePixels(const Image& a, const Image& b) {
  if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels() ||
      a.bytes_per_sample() != b.bytes_per_sample()) {
    return false;
  }
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) {
      for (int c = 0; c < a.channels(); ++c) {
        if (a.At(x, y, c) != b.At(x, y, c)) return false;
      }
    }
  }
  return true;
}

struct Difference {
  double mean_abs = 0;
  int max_abs = 0;
};

inline Difference Compare(const Image& a, const Image& b, int channels) {
  Difference d;
  double sum = 0;
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) {
      for (int c = 0; c < channels; ++c) {
        const int e = std::abs(static_cast<int>(a.At(x, y, c)) - static_cast<int>(b.At(x, y, c)));
        sum += e;
        d.max_abs = std::max(d.max_abs, e);
      }
    }
  }
  d.mean_abs = sum / (static_cast<double>(a.width()) * a.height() * channels);
  return d;
}

// The luma thumbnail of an 8-bit RGB picture, same size: (R + 2G + B) / 4, truncated.
inline LumaThumbnail GreyOf(const Image& rgb) {
  LumaThumbnail t;
  t.width = rgb.width();
  t.height = rgb.height();
  for (int y = 0; y < t.height; ++y)
    for (int x = 0; x < t.width; ++x)
      t.pixels.push_back(static_cast<std::uint8_t>((rgb.At(x, y, 0) + 2 * rgb.At(x, y, 1) + rgb.At(x, y, 2)) / 4));
  return t;
}

}  // namespace prep360::testkit
