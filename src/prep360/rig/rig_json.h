#pragma once
// Rig JSON (schema in docs/rigs.md):
//   {"name": "my_rig", "views": [{"name": "front", "yaw": 0, "pitch": 0, "roll": 0,
//                                  "hfov": 90, "width": 1920, "height": 1080}, ...]}
// yaw/pitch/roll default 0, hfov is required, width/height optional (both or neither).
// Unknown keys and bad values throw Error "file: views[3].hfov: must be in (0, 180) degrees";
// view names must be safe folder names ([A-Za-z0-9_.-], not . or ..) and unique.
#include <string>

#include "prep360/rig/rig.h"

namespace prep360 {

// `name_for_errors` prefixes every message; its stem is the rig's name when the JSON has none.
Rig ParseRigJson(const std::string& text, const std::string& name_for_errors);
Rig ReadRigJson(const std::string& path);
// The same schema, one view per line; numbers in their shortest exact form, so
// ParseRigJson(RigToJson(rig)) == rig.
std::string RigToJson(const Rig& rig);

// --rig argument: a path ending in .json (any case) is read as a rig file; an existing file with
// another extension is an error; anything else is a preset name (MakePreset).
Rig LoadRig(const std::string& preset_or_path);

}  // namespace prep360
