#include "prep360/pipeline/rig_request.h"

#include <fmt/format.h>

#include "prep360/rig/rig_json.h"

namespace prep360 {

void RigRequest::Check(std::string_view prefix) const {
  CheckFieldRanges(*this, prefix);
  if ((width == 0) != (height == 0)) {
    throw Error(fmt::format("{}/{}: width and height are set together (got {}x{})", prefix,
                            width == 0 ? "width" : "height", width, height));
  }
}

Rig RigRequest::Build() const {
  Rig rig = LoadRig(name);
  if (hfov > 0) rig = WithHfov(rig, hfov);
  if (width > 0) rig = WithSize(rig, width, height);
  return rig;
}

}  // namespace prep360
