#include "prep360/pipeline/stage_timer.h"

namespace prep360 {

std::string_view StageName(Stage stage) {
  switch (stage) {
    case Stage::kRead: return "read";
    case Stage::kDecode: return "decode";
    case Stage::kReproject: return "reproject";
    case Stage::kEncode: return "encode";
    case Stage::kMetadata: return "metadata";
    case Stage::kWrite: return "write";
    case Stage::kCount: break;
  }
  return "?";
}

}  // namespace prep360
