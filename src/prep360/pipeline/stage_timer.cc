#include "prep360/pipeline/stage_timer.h"

namespace prep360 {

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kRead: return "read";
    case Stage::kDecode: return "decode";
    case Stage::kSelect: return "select";
    case Stage::kReproject: return "reproject";
    case Stage::kMask: return "mask";
    case Stage::kEncode: return "encode";
    case Stage::kMetadata: return "metadata";
    case Stage::kWrite: return "write";
    case Stage::kMaskWrite: return "mask_write";
    case Stage::kFaces: return "faces";
    case Stage::kCount: break;
  }
  return "?";
}

}  // namespace prep360
