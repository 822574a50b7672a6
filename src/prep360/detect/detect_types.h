#pragma once
// The detector's plain types: what a model is (ModelInfo), how a Segmenter is set up
// (SegmenterOptions), and what it returns (SegmentResult, Detection, MaskTimes). Output masks mark
// the *objects*: 255 = a selected instance covers the pixel, 0 = background. (Polarity for each
// target tool is applied when masks are written, see mask/mask_style.h.)
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "prep360/detect/detect_settings.h"
#include "prep360/image/image.h"

namespace prep360 {

class Segmenter;

enum class ModelTask { kSegment, kDetect };

struct ModelInfo {
  std::string path;
  ModelTask task = ModelTask::kSegment;
  std::string adapter;          // "yolo-seg", "yolo-det", "yolo-det-nms-free"
  int input_width = 0, input_height = 0;  // 0 = dynamic
  int batch = 1;                // 0 = dynamic batch
  int stride = 32;
  std::vector<std::string> class_names;  // index = class id
  std::vector<std::string> available_providers;  // what this ONNX Runtime build offers
};

struct SegmenterOptions {
  DetectSettings detect;  // model, device, classes, thresholds, max_det, batch, input size
  int threads = 0;        // intra-op threads, 0 = all hardware threads
  // Called with one-line warnings (e.g. a requested provider is missing, falling back to CPU).
  std::function<void(const std::string&)> warn;
  // A segmenter already loaded with these settings (a warm model shared by jobs): used instead of
  // loading detect.model again. Null: the job loads its own.
  std::shared_ptr<Segmenter> loaded;
};

struct Detection {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // box in image pixels
  float score = 0;
  int class_id = 0;
};

struct MaskTimes {
  double preprocess_s = 0, inference_s = 0, postprocess_s = 0;  // busy wall seconds
  // Thread CPU seconds of the same phases; inference_cpu_s is the calling thread's share only
  // (the model's own worker threads are not counted).
  double preprocess_cpu_s = 0, inference_cpu_s = 0, postprocess_cpu_s = 0;
};

struct SegmentResult {
  Image mask;  // 8-bit, 1 channel, the image's size: 255 = selected object
  std::vector<Detection> detections;  // selected classes, after NMS and min_area
};

}  // namespace prep360
