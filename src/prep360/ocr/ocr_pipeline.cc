#include "prep360/ocr/ocr_pipeline.h"

#include <chrono>
#include <optional>

#include "prep360/ocr/quad_crop.h"
#include "prep360/ocr/text_angle.h"
#include "prep360/ocr/text_recognizer.h"
#include "prep360/util/error.h"

namespace prep360 {

struct OcrPipeline::Impl {
  OcrOptions options;
  TextDetector detector;
  std::optional<TextAngleClassifier> angle;
  TextRecognizer recognizer;

  Impl(const OcrModelPaths& m, const OcrOptions& o, const std::function<void(const std::string&)>& warn)
      : options(o), detector(m.detector, o.device, o.threads, warn, o.detector),
        recognizer(m.recognizer, m.dictionary, o.device, o.threads, warn, o.min_line_width) {
    if (!m.angle.empty()) angle.emplace(m.angle, o.device, o.threads, warn);
  }
};

OcrPipeline::OcrPipeline(const OcrModelPaths& models, const OcrOptions& options,
                         const std::function<void(const std::string&)>& warn)
    : impl_(std::make_unique<Impl>(models, options, warn)) {}

OcrPipeline::~OcrPipeline() = default;

std::string OcrPipeline::provider() const { return impl_->detector.model().provider(); }

std::vector<OcrText> OcrPipeline::Read(const Image& image, OcrTimes* times) const {
  if (image.empty()) throw Error("ocr: empty image");
  const auto start = std::chrono::steady_clock::now();
  OcrTimes local;
  Image converted;
  const bool is_rgb8 = image.channels() == 3 && image.bytes_per_sample() == 1;
  if (!is_rgb8) converted = ToRgb8(image);
  const Image& rgb = is_rgb8 ? image : converted;
  const std::vector<TextBox> boxes = impl_->detector.Detect(rgb, &local.detection_s);
  std::vector<Image> lines;
  lines.reserve(boxes.size());
  for (const TextBox& box : boxes) lines.push_back(CropQuad(rgb, box.quad));
  std::vector<const Image*> pointers;
  for (const Image& line : lines) pointers.push_back(&line);
  if (impl_->angle) {
    const std::vector<TextAngle> angles = impl_->angle->Classify(pointers, impl_->options.batch, &local.angle_s);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (angles[i].upside_down && angles[i].score > impl_->options.angle_threshold) lines[i] = Rotate180(lines[i]);
    }
  }
  const std::vector<CtcText> texts = impl_->recognizer.Recognize(pointers, impl_->options.batch, &local.recognition_s);
  std::vector<OcrText> results;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    std::string text = texts[i].text;  // without the spaces the recogniser may read in the box's margins
    text.erase(0, text.find_first_not_of(' '));
    text.erase(text.find_last_not_of(' ') + 1);
    if (text.empty() || texts[i].score < impl_->options.min_score) continue;
    results.push_back({std::move(text), texts[i].score, boxes[i].quad});
  }
  local.total_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (times != nullptr) *times += local;
  return results;
}

Image ToRgb8(const Image& image) {
  const int c = image.channels();
  if (c != 1 && c != 3 && c != 4) throw Error("ocr: unsupported channel count " + std::to_string(c));
  Image out(image.width(), image.height(), 3, 1);
  const int shift = image.bytes_per_sample() == 2 ? 8 : 0;
  for (int y = 0; y < image.height(); ++y) {
    std::uint8_t* dst = out.Row(y);
    for (int x = 0; x < image.width(); ++x) {
      for (int k = 0; k < 3; ++k) {
        const std::uint32_t v = image.At(x, y, c >= 3 ? k : 0);
        dst[3 * x + k] = static_cast<std::uint8_t>(shift == 0 ? v : std::min<std::uint32_t>((v + 128) >> 8, 255));
      }
    }
  }
  return out;
}

}  // namespace prep360
