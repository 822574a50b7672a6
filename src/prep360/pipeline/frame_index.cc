#include "prep360/pipeline/frame_index.h"

#include <fstream>

#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {

using OJson = nlohmann::ordered_json;

FrameIndex ReadFrameIndex(const std::string& path, const FrameIndexFile& index) {
  std::ifstream in(path);
  if (!in) throw FileError(path, "cannot be opened");
  FrameIndex frames;
  try {
    const OJson doc = OJson::parse(in);
    for (const OJson& f : doc.at("frames")) {
      frames.try_emplace(f.at("frame").get<std::string>(), f.at(index.key));
    }
  } catch (const nlohmann::json::exception& e) {
    throw FileError(path, std::string("not a frame index (damaged?): ") + e.what());
  }
  return frames;
}

void WriteFrameIndex(const std::string& path, const FrameIndexFile& index, const FrameIndex& frames) {
  OJson list = OJson::array();
  for (const auto& [name, entries] : frames) list.push_back({{"frame", name}, {index.key, entries}});
  WriteTextFileAtomic(path, OJson{{"frames", list}}.dump(2) + "\n");
}

}  // namespace prep360
