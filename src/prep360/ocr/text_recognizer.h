#pragma once
// PP-OCR text recognition: lines resized to height 48 (width by aspect), batched by similar
// aspect ratio (at most a quarter of a batch's width is padding) and padded to the batch's widest
// line (at least min_width wide), the
// model's per-step class probabilities decoded greedily (CTC) over its own dictionary.
#include <functional>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/ocr/ctc_decode.h"
#include "prep360/ocr/ocr_model.h"

namespace prep360 {

class TextRecognizer {
 public:
  // `dictionary_path`: the model's dictionary, one label per line (ppocr_keys_v1.txt). PaddleOCR
  // pads every batch to at least 320 (its rec_image_shape); a smaller min_width saves the
  // inference on padding for short words.
  TextRecognizer(const std::string& model_path, const std::string& dictionary_path, const std::string& device,
                 int threads, const std::function<void(const std::string&)>& warn, int min_width = 320);

  // One text per line, in the order given. Adds the inference time to *inference_s when given.
  std::vector<CtcText> Recognize(const std::vector<const Image*>& lines, int batch = 6,
                                 double* inference_s = nullptr) const;

 private:
  OcrModel model_;
  std::vector<std::string> labels_;
  int min_width_;
};

}  // namespace prep360
