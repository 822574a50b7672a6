#include "prep360/ocr/text_recognizer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "prep360/ocr/text_line_tensor.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr int kHeight = 48;
constexpr int kMaxWidth = 3200;  // a longer line is squeezed into this width
// A batch takes the next line (in aspect order) only while padding stays below this share of
// its width: the model's cost grows with the padded width, so a short word batched with a long
// line would cost as much as the long one.
constexpr double kMaxPadding = 0.25;

double Aspect(const Image& line) { return static_cast<double>(line.width()) / std::max(1, line.height()); }

}  // namespace

TextRecognizer::TextRecognizer(const std::string& model_path, const std::string& dictionary_path,
                               const std::string& device, int threads,
                               const std::function<void(const std::string&)>& warn, int min_width)
    : model_(model_path, device, threads, warn), labels_(LoadCtcLabels(dictionary_path, model_.output_classes())),
      min_width_(std::clamp(min_width, 8, kMaxWidth)) {}

std::vector<CtcText> TextRecognizer::Recognize(const std::vector<const Image*>& lines, int batch,
                                               double* inference_s) const {
  std::vector<CtcText> texts(lines.size());
  std::vector<std::size_t> order(lines.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return Aspect(*lines[a]) < Aspect(*lines[b]); });
  const std::size_t per_call = static_cast<std::size_t>(std::max(1, batch));
  for (std::size_t first = 0, n = 0; first < order.size(); first += n) {
    const double narrowest = Aspect(*lines[order[first]]);
    n = 1;
    while (n < per_call && first + n < order.size() &&
           Aspect(*lines[order[first + n]]) * (1 - kMaxPadding) <= std::max(narrowest, static_cast<double>(min_width_) / kHeight)) {
      ++n;
    }
    const double widest = Aspect(*lines[order[first + n - 1]]);
    const int width = std::clamp(static_cast<int>(std::ceil(kHeight * widest)), min_width_, kMaxWidth);
    const std::size_t per_line = 3 * static_cast<std::size_t>(kHeight) * static_cast<std::size_t>(width);
    std::vector<float> input(n * per_line);
    for (std::size_t i = 0; i < n; ++i) {
      const Image& line = *lines[order[first + i]];
      TextLineTensor(line, kHeight, TextLineWidth(line, kHeight, width), width, input.data() + i * per_line);
    }
    const auto t0 = std::chrono::steady_clock::now();
    const OcrTensor out = model_.Run(input, {static_cast<std::int64_t>(n), 3, kHeight, width});
    if (inference_s != nullptr) {
      *inference_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    }
    const auto classes = static_cast<std::int64_t>(labels_.size());
    if (out.shape.size() != 3 || out.shape[0] != static_cast<std::int64_t>(n) || out.shape[2] != classes) {
      throw FileError(model_.path(), "not a text recognition model (want an [N, T, " + std::to_string(classes) +
                                         "] output)");
    }
    const std::size_t per_output = static_cast<std::size_t>(out.shape[1] * classes);
    for (std::size_t i = 0; i < n; ++i) {
      texts[order[first + i]] = CtcGreedyDecode(out.data.data() + i * per_output, static_cast<int>(out.shape[1]),
                                                static_cast<int>(classes), labels_);
    }
  }
  return texts;
}

}  // namespace prep360
