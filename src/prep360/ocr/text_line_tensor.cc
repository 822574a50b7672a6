#include "prep360/ocr/text_line_tensor.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace prep360 {
namespace {

// RGB planes (LetterboxImage) -> BGR planes.
void SwapRedBlue(float* chw, std::size_t plane) { std::swap_ranges(chw, chw + plane, chw + 2 * plane); }

}  // namespace

void DetectionTensor(const Image& image, const Letterbox& plan, float* chw) {
  LetterboxImage(image, plan, chw);
  const std::size_t plane = static_cast<std::size_t>(plan.target_width) * static_cast<std::size_t>(plan.target_height);
  SwapRedBlue(chw, plane);
  constexpr float kMean[3] = {0.485f, 0.456f, 0.406f};  // as PaddleOCR applies them: to B, G, R
  constexpr float kStd[3] = {0.229f, 0.224f, 0.225f};
  for (std::size_t c = 0; c < 3; ++c) {
    float* p = chw + c * plane;
    const float mean = kMean[c], inv_std = 1.0f / kStd[c];
    for (std::size_t i = 0; i < plane; ++i) p[i] = (p[i] - mean) * inv_std;
  }
}

void TextLineTensor(const Image& line, int height, int resized_width, int target_width, float* chw) {
  Letterbox plan;
  plan.source_width = line.width();
  plan.source_height = line.height();
  plan.resized_width = std::clamp(resized_width, 1, target_width);
  plan.resized_height = height;
  plan.target_width = target_width;
  plan.target_height = height;
  plan.scale_x = static_cast<double>(plan.resized_width) / line.width();
  plan.scale_y = static_cast<double>(height) / line.height();
  LetterboxImage(line, plan, chw);
  const std::size_t plane = static_cast<std::size_t>(target_width) * static_cast<std::size_t>(height);
  SwapRedBlue(chw, plane);
  for (std::size_t c = 0; c < 3; ++c) {
    for (int y = 0; y < height; ++y) {
      float* row = chw + c * plane + static_cast<std::size_t>(y) * static_cast<std::size_t>(target_width);
      for (int x = 0; x < plan.resized_width; ++x) row[x] = row[x] * 2.0f - 1.0f;
      std::fill(row + plan.resized_width, row + target_width, 0.0f);
    }
  }
}

int TextLineWidth(const Image& line, int height, int max_width) {
  const double ratio = static_cast<double>(line.width()) / std::max(1, line.height());
  return std::clamp(static_cast<int>(std::ceil(height * ratio)), 1, max_width);
}

}  // namespace prep360
