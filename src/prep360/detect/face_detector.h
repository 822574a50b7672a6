#pragma once
// Face detection with MediaPipe BlazeFace (registry models "face" and "face-front"): a 1xSxSx3
// RGB input in [-1, 1] (channels last), 896 anchors on a 16x16 grid (2 per cell) and an 8x8 grid
// (6 per cell), each with a score logit and 16 regressors (box centre offset and size in input
// pixels, then 6 key points). Decoding: centre = anchor centre + offset / S, size = regressor / S.
//
// The model sees faces of roughly 5-80 % of its input. To find faces from 24 px in a 1080p view
// up to ones filling the frame, the image is scanned as a pyramid (each level a quarter of the
// one before, by 2x2 box averaging twice) cut into SxS tiles overlapping by 3S/8; a detection
// that touches a tile edge inside the image is dropped (the neighbouring tile sees it whole),
// and all detections merge by weighted NMS.
#include <memory>
#include <string>
#include <vector>

#include "prep360/image/image.h"

namespace prep360 {

struct FaceBox {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // image pixels (continuous, 0 at the left/top edge)
  float score = 0;
};

struct FaceDetectorOptions {
  std::string model = "face";  // registry name or path
  std::string device = "auto";
  // Above the BlazeFace demos (0.75): at 0.75 the space suit of astronaut.png yields a 0.754 "face".
  float min_score = 0.8f;
  float iou = 0.3f;          // weighted-NMS overlap
};

class FaceDetector {
 public:
  // Throws Error for a missing registry model (naming scripts/bootstrap), FileError naming the
  // model when it is not a BlazeFace model.
  explicit FaceDetector(const FaceDetectorOptions& options);
  ~FaceDetector();
  FaceDetector(const FaceDetector&) = delete;
  FaceDetector& operator=(const FaceDetector&) = delete;

  int input_size() const;
  std::string provider() const;
  const std::string& model_path() const;
  // Faces in an 8- or 16-bit image with 1, 3 or 4 channels, by descending score. Tiles run in
  // parallel on the caller's TBB arena (one ONNX Runtime thread each). Thread-safe.
  std::vector<FaceBox> Detect(const Image& image) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
