// libFuzzer target: the rig JSON reader (ParseRigJson, the text entry point ReadRigJson uses).
// Arbitrary text must either parse into a rig that satisfies the schema (docs/rigs.md) or throw
// prep360::Error; a parsed rig must survive RigToJson -> ParseRigJson unchanged.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <set>
#include <string>

#include "prep360/rig/rig_json.h"
#include "prep360/util/error.h"

namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "rig_json_fuzzer: contract broken: %s\n", what);
  std::abort();
}

void CheckRig(const prep360::Rig& rig) {
  Check(!rig.views.empty(), "at least one view");
  std::set<std::string> names;
  for (const prep360::View& v : rig.views) {
    Check(!v.name.empty() && v.name != "." && v.name != "..", "view name safe");
    Check(names.insert(v.name).second, "view names unique");
    Check(std::isfinite(v.yaw_deg) && std::isfinite(v.roll_deg), "angles finite");
    Check(v.pitch_deg >= -90 && v.pitch_deg <= 90, "pitch in [-90, 90]");
    Check(v.hfov_deg > 0 && v.hfov_deg < 180, "hfov in (0, 180)");
    Check((v.width == 0) == (v.height == 0), "width and height together");
    Check(v.width >= 0 && v.width <= 16384 && v.height >= 0 && v.height <= 16384, "sides in range");
  }
}

bool SameRig(const prep360::Rig& a, const prep360::Rig& b) {
  if (a.name != b.name || a.views.size() != b.views.size()) return false;
  for (std::size_t i = 0; i < a.views.size(); ++i) {
    const prep360::View& x = a.views[i];
    const prep360::View& y = b.views[i];
    if (x.name != y.name || x.yaw_deg != y.yaw_deg || x.pitch_deg != y.pitch_deg || x.roll_deg != y.roll_deg ||
        x.hfov_deg != y.hfov_deg || x.width != y.width || x.height != y.height) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  prep360::Rig rig;
  try {
    rig = prep360::ParseRigJson(text, "fuzz.json");
  } catch (const prep360::Error& e) {
    const std::string message = e.what();
    Check(message.rfind("fuzz.json: ", 0) == 0, "error names the file");
    Check(message.find('\n') == std::string::npos, "error is one line");
    return 0;
  }
  CheckRig(rig);
  const std::string written = prep360::RigToJson(rig);
  Check(SameRig(prep360::ParseRigJson(written, "fuzz.json"), rig), "RigToJson round trip");
  return 0;
}
