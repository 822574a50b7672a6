#pragma once
// The per-frame index files split/run write at the dataset root (pipeline/frame_annotator.h):
// detections.json ({"frames": [{"frame", "objects": [...]}]}) and text.json ({"frames":
// [{"frame", "text": [...]}]}), frames sorted by name. Every entry belongs to its frame alone
// (object ids count from 0 within a frame; text is de-duplicated on the sphere within a frame),
// so indexes of disjoint frame sets combine by taking the union of their frames.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace prep360 {

struct FrameIndexFile {
  const char* file;  // at the dataset root
  const char* key;   // of each frame's entries
};
inline constexpr FrameIndexFile kDetectionsIndex{"detections.json", "objects"};
inline constexpr FrameIndexFile kTextIndex{"text.json", "text"};

using FrameIndex = std::map<std::string, nlohmann::ordered_json>;  // frame name -> its entries

// Throws FileError naming `path` when it cannot be read or is not such an index.
FrameIndex ReadFrameIndex(const std::string& path, const FrameIndexFile& index);
// Written through a temp file, frames in name order.
void WriteFrameIndex(const std::string& path, const FrameIndexFile& index, const FrameIndex& frames);

}  // namespace prep360
