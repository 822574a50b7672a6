#pragma once
// Rig JSON (schema in docs/rigs.md):
//   {"name": "my_rig", "views": [{"name": "front", "yaw": 0, "pitch": 0, "roll": 0,
//                                  "hfov": 90, "width": 1920, "height": 1080}, ...]}
// yaw/pitch/roll default 0, hfov is required, width/height optional (both or neither).
// Unknown keys and bad values are rejected with "file: views[3].hfov: must be in (0, 180)".
#include <string>

#include "prep360/rig/rig.h"

namespace prep360 {

Rig ParseRigJson(const std::string& text, const std::string& name_for_errors);
Rig ReadRigJson(const std::string& path);
std::string RigToJson(const Rig& rig);

// --rig argument: a preset name, or a path to a .json file.
Rig LoadRig(const std::string& preset_or_path);

}  // namespace prep360
