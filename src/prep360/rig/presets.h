#pragma once
// Named rig presets (docs/rigs.md describes each). View names cam00, cam01, ... in preset order.
#include <string>
#include <vector>

#include "prep360/rig/rig.h"

namespace prep360 {

// The preset used when --rig is not given.
inline constexpr const char* kDefaultRigName = "default20";

struct PresetInfo {
  std::string name;         // e.g. "ring:N" for parameterised presets
  std::string description;  // one line
};
const std::vector<PresetInfo>& ListPresets();

// "seed8", "seed24", "cube6", "ring:8", "colmap12", "nerfstudio8", "nerfstudio14", "dome16",
// "fibonacci:20", the default. `hfov_deg` > 0 overrides the preset's field of view where the
// preset takes one (ring:N uses it; others keep theirs unless overridden by the caller).
// Throws Error for an unknown name or a bad parameter.
Rig MakePreset(const std::string& name);

}  // namespace prep360
