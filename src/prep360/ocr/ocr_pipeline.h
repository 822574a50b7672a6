#pragma once
// PP-OCR end to end on one image: detect text boxes, cut each out as an upright line, turn lines
// the angle classifier finds upside down, recognise them, keep texts scoring at least min_score
// (leading and trailing spaces removed).
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/ocr/text_detector.h"

namespace prep360 {

struct OcrModelPaths {
  std::string detector;    // ONNX files (registry names already resolved)
  std::string recognizer;
  std::string dictionary;  // the recogniser's labels
  std::string angle;       // the angle classifier; empty: lines are taken as upright
};

struct OcrOptions {
  std::string device = "auto";  // as CreateOnnxSession
  int threads = 0;              // intra-op threads per model, 0 = all
  TextDetectorOptions detector;
  float angle_threshold = 0.9f;  // a line is turned when "180°" scores above this
  float min_score = 0.5f;        // PaddleOCR's drop_score
  int batch = 6;                 // lines per classifier / recogniser call
  // Recognition input width floor (TextRecognizer; PaddleOCR's is 320). 48 reads the same texts
  // in the tests and scripts/bench_ocr's views, and spends nothing on padding short words.
  int min_line_width = 48;
};

struct OcrText {
  std::string text;
  float score = 0;  // recognition confidence (mean character probability)
  Quad quad;        // where it is: continuous pixel coordinates, reading-order corners
};

struct OcrTimes {
  double detection_s = 0, angle_s = 0, recognition_s = 0;  // inference only
  double total_s = 0;                                      // everything, inference included

  OcrTimes& operator+=(const OcrTimes& o) {
    detection_s += o.detection_s;
    angle_s += o.angle_s;
    recognition_s += o.recognition_s;
    total_s += o.total_s;
    return *this;
  }
};

class OcrPipeline {
 public:
  OcrPipeline(const OcrModelPaths& models, const OcrOptions& options,
              const std::function<void(const std::string&)>& warn);
  ~OcrPipeline();

  // Any 8- or 16-bit image with 1, 3 or 4 channels. Adds its times to *times when given.
  std::vector<OcrText> Read(const Image& image, OcrTimes* times = nullptr) const;

  // The execution provider that runs the detector ("CPUExecutionProvider", ...).
  std::string provider() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The image as 8-bit RGB (grey replicated, alpha dropped, 16-bit rounded to 8).
Image ToRgb8(const Image& image);

}  // namespace prep360
