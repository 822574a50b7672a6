#pragma once
// PP-OCR text-line angle classification: is a cropped line upright (0°) or upside down (180°)?
// Lines are resized to height 48 (width by aspect, at most 192) and padded to 48 x 192.
#include <functional>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/ocr/ocr_model.h"

namespace prep360 {

struct TextAngle {
  bool upside_down = false;  // the model's more likely class is 180°
  float score = 0;           // that class's probability
};

class TextAngleClassifier {
 public:
  TextAngleClassifier(const std::string& model_path, const std::string& device, int threads,
                      const std::function<void(const std::string&)>& warn);

  // One answer per line, in order; lines run in batches of `batch`. Adds the inference time to
  // *inference_s when given.
  std::vector<TextAngle> Classify(const std::vector<const Image*>& lines, int batch = 6,
                                  double* inference_s = nullptr) const;

 private:
  OcrModel model_;
};

}  // namespace prep360
