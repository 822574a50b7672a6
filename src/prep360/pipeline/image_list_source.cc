#include "prep360/pipeline/image_list_source.h"

#include <filesystem>

#include "prep360/util/error.h"

namespace prep360 {

int ImageListSource::EquirectWidth() {
  for (const InputFile& in : inputs_) {
    try {
      return ReadImageInfo(in.path).width;
    } catch (const Error&) {
      continue;  // reported when the pipeline reaches it
    }
  }
  throw Error("no input could be read to choose the view size (give --size WxH)");
}

bool ImageListSource::Next(SourceFrame& frame, StageTimes&) {
  if (next_ >= inputs_.size()) return false;
  const InputFile& in = inputs_[next_++];
  frame = SourceFrame();
  frame.frame_name = in.frame_name;
  frame.source_name = std::filesystem::path(in.path).filename().string();
  frame.path = in.path;
  return true;
}

nlohmann::ordered_json ImageListSource::Describe() const {
  return {{"kind", "images"}, {"files", inputs_.size()}};
}

}  // namespace prep360
