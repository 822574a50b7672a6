#pragma once
// Named rig presets (docs/rigs.md describes each). View names cam00, cam01, ... in preset order.
#include <string>
#include <vector>

#include "prep360/rig/rig.h"

namespace prep360 {

// The preset used when --rig is not given: 5 views at pitch +30, 5 at -35 (same yaws), one at the
// zenith; 100 degrees, square. Every direction above latitude -84 is seen and neighbouring views
// overlap by >= 35% (docs/rigs.md).
inline constexpr const char* kDefaultRigName = "default11";

struct PresetInfo {
  std::string name;         // e.g. "ring:N" for parameterised presets
  std::string description;  // one line
};
const std::vector<PresetInfo>& ListPresets();

// "default11", "seed8", "seed24", "cube6", "ring:8", "colmap12", "nerfstudio8", "nerfstudio14",
// "dome16", "fibonacci:20". Sizes are 0 (density-matched, see ResolveViewSizes) except seed8 and
// seed24 (1920x1920). Callers override fields of view or sizes with WithHfov / WithSize.
// Throws Error for an unknown name or a bad parameter; its message lists the valid names.
Rig MakePreset(const std::string& name);

}  // namespace prep360
