#include "prep360/detect/model_info_text.h"

#include <cstddef>

namespace prep360 {

std::string FormatModelInfo(const ModelInfo& info) {
  std::string text;
  text += "model: " + info.path + "\n";
  text += std::string("task: ") + (info.task == ModelTask::kSegment ? "segment" : "detect") + "\n";
  text += "adapter: " + info.adapter + "\n";
  auto dim = [](int v) { return v > 0 ? std::to_string(v) : std::string("dynamic"); };
  text += "input: " + dim(info.input_width) + " x " + dim(info.input_height) + "\n";
  text += "batch: " + dim(info.batch) + "\n";
  text += "stride: " + std::to_string(info.stride) + "\n";
  if (info.class_names.empty()) {
    text += "classes: unknown (use numeric ids or a class names file, /detect/class_names)\n";
  } else {
    constexpr std::size_t kShown = 10;
    text += "classes: " + std::to_string(info.class_names.size()) + " (";
    for (std::size_t i = 0; i < info.class_names.size() && i < kShown; ++i) {
      if (i > 0) text += ", ";
      text += std::to_string(i) + ": " + info.class_names[i];
    }
    if (info.class_names.size() > kShown) text += ", ...";
    text += ")\n";
  }
  text += "providers:";
  for (const std::string& p : info.available_providers) text += " " + p;
  text += "\n";
  return text;
}

}  // namespace prep360
