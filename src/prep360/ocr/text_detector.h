#pragma once
// PP-OCR text detection: the image resized so its long side is at most max_side (sides padded to
// multiples of 32), the DB model's probability map, DB post-processing, boxes back in image pixels
// in reading order.
#include <functional>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/ocr/db_postprocess.h"
#include "prep360/ocr/ocr_model.h"

namespace prep360 {

struct TextDetectorOptions {
  int max_side = 960;  // PaddleOCR's det_limit_side_len (limit type "max"): smaller images keep their size
  DbOptions db;
};

struct TextBox {
  Quad quad;  // continuous image coordinates (0 = the left/top edge), clipped to the image
  float score = 0;
};

class TextDetector {
 public:
  TextDetector(const std::string& model_path, const std::string& device, int threads,
               const std::function<void(const std::string&)>& warn, const TextDetectorOptions& options);

  // Boxes whose sides are longer than 3 pixels, top to bottom, left to right within a line.
  // Adds the inference time to *inference_s when given.
  std::vector<TextBox> Detect(const Image& image, double* inference_s = nullptr) const;

  const OcrModel& model() const { return model_; }

 private:
  OcrModel model_;
  TextDetectorOptions options_;
};

// PaddleOCR's sorted_boxes: by the top-left corner's y then x, and boxes whose top-left corners
// are within 10 pixels vertically ordered left to right.
void SortReadingOrder(std::vector<TextBox>& boxes);

}  // namespace prep360
