#pragma once
// Instance segmentation with ONNX Runtime: one session per model, reused for every image.
// The model's outputs pick the adapter (ultralytics YOLO segmentation, detection, NMS-free
// detection); anything else is refused with a message naming the file and what it found.
// The options and results are in detect_types.h; output masks mark the objects (255).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "prep360/detect/detect_types.h"
#include "prep360/image/image.h"

namespace prep360 {

class Segmenter {
 public:
  // Throws FileError naming the model for a missing file, a file that is not ONNX, or outputs no
  // adapter accepts; Error for unknown class names.
  explicit Segmenter(const SegmenterOptions& options);
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  const ModelInfo& info() const;
  std::string provider() const;  // the execution provider that runs: "CPUExecutionProvider", ...
  const std::vector<int>& class_ids() const;  // the selected classes
  // Segments the images (any size, 8- or 16-bit, 1/3/4 channels), in batches of up to
  // max_batch where the model allows. Adds phase times to `times` when given. Thread-safe.
  std::vector<SegmentResult> Run(const std::vector<const Image*>& images, MaskTimes* times = nullptr);
  // The same on images decoded reduced (e.g. a JPEG at a DCT scale): sizes[i] = {width, height} of
  // image i at full size; boxes and masks come at that size. An image at least as large as its
  // InputFootprint loses nothing the model would see but the resampling.
  std::vector<SegmentResult> Run(const std::vector<const Image*>& images,
                                 const std::vector<std::pair<int, int>>& sizes, MaskTimes* times);
  // {width, height} the model reads an image of this full size at (its letterboxed footprint).
  std::pair<int, int> InputFootprint(int width, int height) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
