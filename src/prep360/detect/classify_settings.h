#pragma once
// The "classify" group of the job document (classify): the generic classifier (detect/classifier.h)
// and the JSON that configures it.
#include <string>

#include "prep360/detect/detect_settings.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct ClassifySettings {
  std::string model;   // ONNX file or registry name
  std::string config;  // empty: MODEL.json beside the model
  Device device = Device::kAuto;

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"model", "Classifier ONNX file or registry name (its JSON sits beside it)"}, s.model);
    visit(Field{"config", "The classifier's JSON (labels, head, input, cells), when not MODEL.json beside the model"},
          s.config);
    visit(Field{"device", "Execution provider"}, s.device);
  }
};

}  // namespace prep360
