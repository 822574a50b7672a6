#include "prep360/ocr/text_detector.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "prep360/ocr/text_line_tensor.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr int kStride = 32;

Letterbox DetectionPlan(int width, int height, int max_side) {
  const double r = std::min(1.0, static_cast<double>(max_side) / std::max(width, height));
  Letterbox plan;
  plan.source_width = width;
  plan.source_height = height;
  plan.resized_width = std::max(1, static_cast<int>(std::lround(width * r)));
  plan.resized_height = std::max(1, static_cast<int>(std::lround(height * r)));
  plan.target_width = (plan.resized_width + kStride - 1) / kStride * kStride;
  plan.target_height = (plan.resized_height + kStride - 1) / kStride * kStride;
  plan.scale_x = static_cast<double>(plan.resized_width) / width;
  plan.scale_y = static_cast<double>(plan.resized_height) / height;
  return plan;
}

double Length(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

TextDetector::TextDetector(const std::string& model_path, const std::string& device, int threads,
                           const std::function<void(const std::string&)>& warn, const TextDetectorOptions& options)
    : model_(model_path, device, threads, warn), options_(options) {
  if (options.max_side < kStride) throw Error("text detection: max_side must be at least 32");
}

std::vector<TextBox> TextDetector::Detect(const Image& image, double* inference_s) const {
  const Letterbox plan = DetectionPlan(image.width(), image.height(), options_.max_side);
  std::vector<float> input(3 * static_cast<std::size_t>(plan.target_width) * static_cast<std::size_t>(plan.target_height));
  DetectionTensor(image, plan, input.data());
  const auto t0 = std::chrono::steady_clock::now();
  const OcrTensor map = model_.Run(input, {1, 3, plan.target_height, plan.target_width});
  if (inference_s != nullptr) {
    *inference_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  if (map.shape.size() != 4 || map.shape[0] != 1 || map.shape[1] != 1 || map.shape[2] != plan.target_height ||
      map.shape[3] != plan.target_width) {
    throw FileError(model_.path(), "not a text detection model (want a [1, 1, H, W] probability map)");
  }
  std::vector<TextBox> boxes;
  const double w = image.width(), h = image.height();
  for (const DbBox& box : DbBoxes(map.data.data(), plan.target_width, plan.target_height, options_.db)) {
    TextBox out;
    out.score = box.score;
    for (std::size_t i = 0; i < 4; ++i) {  // map pixel centres -> continuous image coordinates
      out.quad[i].x = std::clamp((box.quad[i].x + 0.5) / plan.scale_x, 0.0, w);
      out.quad[i].y = std::clamp((box.quad[i].y + 0.5) / plan.scale_y, 0.0, h);
    }
    if (Length(out.quad[0], out.quad[1]) <= 3 || Length(out.quad[0], out.quad[3]) <= 3) continue;
    boxes.push_back(out);
  }
  SortReadingOrder(boxes);
  return boxes;
}

void SortReadingOrder(std::vector<TextBox>& boxes) {
  std::stable_sort(boxes.begin(), boxes.end(), [](const TextBox& a, const TextBox& b) {
    return a.quad[0].y < b.quad[0].y || (a.quad[0].y == b.quad[0].y && a.quad[0].x < b.quad[0].x);
  });
  for (std::size_t i = 0; i + 1 < boxes.size(); ++i) {
    for (std::size_t j = i + 1; j-- > 0;) {
      const Point2& a = boxes[j].quad[0];
      const Point2& b = boxes[j + 1].quad[0];
      if (std::abs(b.y - a.y) < 10 && b.x < a.x) {
        std::swap(boxes[j], boxes[j + 1]);
      } else {
        break;
      }
    }
  }
}

}  // namespace prep360
