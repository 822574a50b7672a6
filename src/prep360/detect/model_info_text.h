#pragma once
// The text `prep360 info --model m.onnx` prints about a model.
#include <string>

#include "prep360/detect/detect_types.h"

namespace prep360 {

// Several "key: value" lines: task, adapter, input size, batch, stride, classes (count and the
// first names), available execution providers.
std::string FormatModelInfo(const ModelInfo& info);

}  // namespace prep360
