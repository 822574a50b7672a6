#pragma once
// One detector behind one call, whatever the model: BlazeFace (registry names whose task is
// face-detection, or an ONNX file with BlazeFace's inputs and outputs) or a YOLO model through the
// Segmenter. Boxes carry the class name ("face" for BlazeFace).
#include <memory>
#include <string>
#include <vector>

#include "prep360/detect/detect_types.h"
#include "prep360/image/image.h"

namespace prep360 {

struct LabelledBox {
  std::string label;
  float score = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // image pixels
};

class BoxDetector {
 public:
  // options.detect.model: a registry name or a path. BlazeFace keeps scores of at least
  // max(0.8, detect.conf). Throws as FaceDetector / Segmenter do for bad models.
  explicit BoxDetector(const SegmenterOptions& options);
  ~BoxDetector();
  BoxDetector(const BoxDetector&) = delete;
  BoxDetector& operator=(const BoxDetector&) = delete;

  bool faces() const;
  const std::string& path() const { return path_; }  // the resolved model file
  std::string kind() const;                          // "face", "yolo-seg", "yolo-det", ...
  std::string provider() const;
  // The square view side the model reads without rescaling: its fixed input, else
  // detect.input_size; 0 for BlazeFace (it tiles images of any size).
  int view_size() const;
  // Boxes per image, best first. Thread-safe.
  std::vector<std::vector<LabelledBox>> Detect(const std::vector<const Image*>& images) const;

 private:
  std::string path_;
  int input_size_ = 0;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
