#include "prep360/ocr/text_angle.h"

#include <algorithm>
#include <chrono>

#include "prep360/ocr/text_line_tensor.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr int kHeight = 48;
constexpr int kWidth = 192;

}  // namespace

TextAngleClassifier::TextAngleClassifier(const std::string& model_path, const std::string& device, int threads,
                                         const std::function<void(const std::string&)>& warn)
    : model_(model_path, device, threads, warn) {
  if (model_.output_classes() > 0 && model_.output_classes() != 2) {
    throw FileError(model_path, "not a text angle model (want 2 classes: 0° and 180°)");
  }
}

std::vector<TextAngle> TextAngleClassifier::Classify(const std::vector<const Image*>& lines, int batch,
                                                     double* inference_s) const {
  std::vector<TextAngle> angles(lines.size());
  const std::size_t per_call = static_cast<std::size_t>(std::max(1, batch));
  const std::size_t per_line = 3 * static_cast<std::size_t>(kHeight) * kWidth;
  for (std::size_t first = 0; first < lines.size(); first += per_call) {
    const std::size_t n = std::min(per_call, lines.size() - first);
    std::vector<float> input(n * per_line);
    for (std::size_t i = 0; i < n; ++i) {
      const Image& line = *lines[first + i];
      TextLineTensor(line, kHeight, TextLineWidth(line, kHeight, kWidth), kWidth, input.data() + i * per_line);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const OcrTensor out = model_.Run(input, {static_cast<std::int64_t>(n), 3, kHeight, kWidth});
    if (inference_s != nullptr) {
      *inference_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    if (out.shape.size() != 2 || out.shape[0] != static_cast<std::int64_t>(n) || out.shape[1] != 2) {
      throw FileError(model_.path(), "not a text angle model (want an [N, 2] output)");
    }
    for (std::size_t i = 0; i < n; ++i) {
      const float p0 = out.data[2 * i], p180 = out.data[2 * i + 1];
      angles[first + i] = {p180 > p0, std::max(p0, p180)};
    }
  }
  return angles;
}

}  // namespace prep360
