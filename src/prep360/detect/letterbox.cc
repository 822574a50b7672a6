#include "prep360/detect/letterbox.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct Tap {
  int i0, i1;
  float w1;  // weight of i1; i0 gets 1 - w1
};

std::vector<Tap> Taps(int resized, int source, double scale) {
  std::vector<Tap> taps(static_cast<std::size_t>(resized));
  for (int i = 0; i < resized; ++i) {
    double s = (i + 0.5) / scale - 0.5;
    s = std::clamp(s, 0.0, static_cast<double>(source - 1));
    const int i0 = std::min(static_cast<int>(s), source - 1);
    const int i1 = std::min(i0 + 1, source - 1);
    taps[static_cast<std::size_t>(i)] = {i0, i1, static_cast<float>(s - i0)};
  }
  return taps;
}

// One source row resized horizontally, as three planes (R, G, B) of `xs.size()` floats at `out`.
template <typename T, int kChannels>
void HorizontalRow(const T* src, const std::vector<Tap>& xs, float* out) {
  const std::size_t n = xs.size();
  for (std::size_t x = 0; x < n; ++x) {
    const Tap& t = xs[x];
    const T* p0 = src + static_cast<std::ptrdiff_t>(t.i0) * kChannels;
    const T* p1 = src + static_cast<std::ptrdiff_t>(t.i1) * kChannels;
    for (int c = 0; c < 3; ++c) {
      const int sc = kChannels >= 3 ? c : 0;
      const float a = static_cast<float>(p0[sc]), b = static_cast<float>(p1[sc]);
      out[static_cast<std::size_t>(c) * n + x] = a + (b - a) * t.w1;
    }
  }
}

// One pass over the model input, row by row: the padding rows, then each resized row's left pad,
// pixels (bilinear, normalised) and right pad, straight into the three planes.
template <typename T, int kChannels>
void Resize(const Image& image, const Letterbox& plan, float* chw) {
  const std::vector<Tap> xs = Taps(plan.resized_width, image.width(), plan.scale_x);
  const std::vector<Tap> ys = Taps(plan.resized_height, image.height(), plan.scale_y);
  const float norm = 1.0f / static_cast<float>(sizeof(T) == 1 ? 255 : 65535);
  const auto tw = static_cast<std::size_t>(plan.target_width);
  const std::size_t plane = tw * static_cast<std::size_t>(plan.target_height);
  const std::size_t n = xs.size(), left = static_cast<std::size_t>(plan.pad_x), right = tw - left - n;
  for (int c = 0; c < 3; ++c) {  // padding rows above and below
    float* p = chw + static_cast<std::size_t>(c) * plane;
    const std::size_t below = static_cast<std::size_t>(plan.pad_y + plan.resized_height) * tw;
    std::fill(p, p + static_cast<std::size_t>(plan.pad_y) * tw, kLetterboxPadValue);
    std::fill(p + below, p + plane, kLetterboxPadValue);
  }
  std::vector<float> row0(n * 3), row1(n * 3);
  int have0 = -1, have1 = -1;
  for (int y = 0; y < plan.resized_height; ++y) {
    const Tap& t = ys[static_cast<std::size_t>(y)];
    if (have0 != t.i0) {
      if (have1 == t.i0) {
        std::swap(row0, row1);
        std::swap(have0, have1);
      } else {
        HorizontalRow<T, kChannels>(image.RowAs<T>(t.i0), xs, row0.data());
        have0 = t.i0;
      }
    }
    if (have1 != t.i1) {
      HorizontalRow<T, kChannels>(image.RowAs<T>(t.i1), xs, row1.data());
      have1 = t.i1;
    }
    const float w = t.w1;
    for (std::size_t c = 0; c < 3; ++c) {
      float* dst = chw + c * plane + static_cast<std::size_t>(y + plan.pad_y) * tw;
      const float* r0 = row0.data() + c * n;
      const float* r1 = row1.data() + c * n;
      std::fill(dst, dst + left, kLetterboxPadValue);
      dst += left;
      for (std::size_t x = 0; x < n; ++x) dst[x] = (r0[x] + (r1[x] - r0[x]) * w) * norm;
      std::fill(dst + n, dst + n + right, kLetterboxPadValue);
    }
  }
}

}  // namespace

Letterbox PlanLetterbox(int source_width, int source_height, int target_width, int target_height) {
  if (source_width <= 0 || source_height <= 0 || target_width <= 0 || target_height <= 0) {
    throw Error("letterbox: empty image or model input");
  }
  const double r = std::min(static_cast<double>(target_width) / source_width,
                            static_cast<double>(target_height) / source_height);
  Letterbox plan;
  plan.source_width = source_width;
  plan.source_height = source_height;
  plan.resized_width = std::clamp(static_cast<int>(std::lround(source_width * r)), 1, target_width);
  plan.resized_height = std::clamp(static_cast<int>(std::lround(source_height * r)), 1, target_height);
  plan.scale_x = static_cast<double>(plan.resized_width) / source_width;
  plan.scale_y = static_cast<double>(plan.resized_height) / source_height;
  return CentreInTarget(plan, target_width, target_height);
}

Letterbox PlanDynamicLetterbox(int source_width, int source_height, int input_size, int stride) {
  if (input_size <= 0 || stride <= 0) throw Error("letterbox: input size and stride must be positive");
  const double r = static_cast<double>(input_size) / std::max(source_width, source_height);
  const int w = std::max(1, static_cast<int>(std::lround(source_width * r)));
  const int h = std::max(1, static_cast<int>(std::lround(source_height * r)));
  const int tw = (w + stride - 1) / stride * stride;
  const int th = (h + stride - 1) / stride * stride;
  return PlanLetterbox(source_width, source_height, tw, th);
}

Letterbox CentreInTarget(const Letterbox& plan, int target_width, int target_height) {
  if (target_width < plan.resized_width || target_height < plan.resized_height) {
    throw Error("letterbox: target smaller than the resized image");
  }
  Letterbox out = plan;
  out.target_width = target_width;
  out.target_height = target_height;
  out.pad_x = (target_width - plan.resized_width) / 2;
  out.pad_y = (target_height - plan.resized_height) / 2;
  return out;
}

void LetterboxImage(const Image& image, const Letterbox& plan, float* chw) {
  if (image.width() != plan.source_width || image.height() != plan.source_height) {
    throw Error("letterbox: image size does not match the plan");
  }
  if (plan.pad_x < 0 || plan.pad_y < 0 || plan.pad_x + plan.resized_width > plan.target_width ||
      plan.pad_y + plan.resized_height > plan.target_height) {
    throw Error("letterbox: resized image outside the model input");
  }
  const int c = image.channels();
  const bool wide = image.bytes_per_sample() == 2;
  if (c == 1) {
    wide ? Resize<std::uint16_t, 1>(image, plan, chw) : Resize<std::uint8_t, 1>(image, plan, chw);
  } else if (c == 3) {
    wide ? Resize<std::uint16_t, 3>(image, plan, chw) : Resize<std::uint8_t, 3>(image, plan, chw);
  } else if (c == 4) {
    wide ? Resize<std::uint16_t, 4>(image, plan, chw) : Resize<std::uint8_t, 4>(image, plan, chw);
  } else {
    throw Error("letterbox: unsupported channel count " + std::to_string(c));
  }
}

}  // namespace prep360
