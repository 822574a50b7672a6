#pragma once
// The "ocr" group of the job document. split, run: read the text the panoramas show with PP-OCR
// (ocr/ocr_pipeline.h) on the detection rig, de-duplicated on the sphere, indexed in text.json by
// frame and output view. ocr: the text each image shows.
#include <string>

#include "prep360/detect/detect_settings.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct OcrSettings {
  bool read = false;
  std::string det_model = "ocr-det";  // registry names or ONNX paths
  std::string rec_model = "ocr-rec";
  std::string cls_model = "ocr-cls";
  std::string dictionary;  // empty: the ocr-rec registry model's own
  bool angle = true;
  int max_side = 960;
  double unclip = 1.5;
  double min_score = 0.5;
  Device device = Device::kAuto;

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"read", "split, run: read the text the panoramas show, de-duplicated on the sphere, into text.json"}, s.read);
    visit(Field{"det_model", "Text detection model: registry name or ONNX path"}, s.det_model);
    visit(Field{"rec_model", "Text recognition model: registry name or ONNX path"}, s.rec_model);
    visit(Field{"cls_model", "Text angle classifier: registry name or ONNX path"}, s.cls_model);
    visit(Field{"dictionary", "Recognition dictionary (empty: the ocr-rec registry model's)"}, s.dictionary);
    visit(Field{"angle", "Turn text lines the angle classifier finds upside down"}, s.angle);
    visit(Field{"max_side", "Text detection resizes views whose long side exceeds this"}.Range(32, 8192), s.max_side);
    visit(Field{"unclip", "Text box growth around the detected kernel (DB unclip ratio)"}.Range(0.5, 5), s.unclip);
    visit(Field{"min_score", "Drop texts recognised with a lower confidence"}.Range(0, 1), s.min_score);
    visit(Field{"device", "Execution provider of the three OCR models (split, run: auto follows detect.device)"},
          s.device);
  }
};

}  // namespace prep360
