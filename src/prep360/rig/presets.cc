#include "prep360/rig/presets.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <map>
#include <numbers>
#include <string_view>

#include "prep360/geometry/equirect.h"
#include "prep360/rig/rig_coverage.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct Angles {
  double yaw = 0, pitch = 0;
};

// Views named cam00, cam01, ... (three digits when there are more than 100 views).
Rig MakeRig(const std::string& name, const std::vector<Angles>& angles, double hfov_deg, int width = 0,
            int height = 0) {
  Rig rig;
  rig.name = name;
  const bool wide = angles.size() > 100;
  for (std::size_t i = 0; i < angles.size(); ++i) {
    View view;
    view.name = wide ? fmt::format("cam{:03d}", i) : fmt::format("cam{:02d}", i);
    view.yaw_deg = angles[i].yaw;
    view.pitch_deg = angles[i].pitch;
    view.hfov_deg = hfov_deg;
    view.width = width;
    view.height = height;
    rig.views.push_back(view);
  }
  return rig;
}

// `count` yaws starting at `first`, `360/count` apart, at one pitch; yaws wrapped to (-180, 180]
// only when `wrap` is set (the reference app's rings keep 0..315).
void AddRing(std::vector<Angles>& angles, int count, double pitch, double first = 0, bool wrap = false) {
  for (int i = 0; i < count; ++i) {
    double yaw = first + 360.0 * i / count;
    if (wrap && yaw > 180) yaw -= 360;
    angles.push_back({yaw, pitch});
  }
}

Rig Seed8() {
  std::vector<Angles> a;
  AddRing(a, 8, 0);
  return MakeRig("seed8", a, 110, 1920, 1920);
}

Rig Seed24() {
  std::vector<Angles> a;
  AddRing(a, 8, 0);    // "Horizon"
  AddRing(a, 8, -30);  // "Look Down" (the reference app writes -30 but renders it looking up)
  AddRing(a, 8, 30);   // "Look Up"
  return MakeRig("seed24", a, 110, 1920, 1920);
}

Rig Cube6() { return MakeRig("cube6", {{0, 0}, {90, 0}, {180, 0}, {-90, 0}, {0, 90}, {0, -90}}, 90); }

Rig Colmap12() {
  // After pycolmap panorama.py, PERSPECTIVE_OVERLAPPING: pitches (-35, 0, +35) in that order, 4
  // yaws each, 90 x 90 degrees. pycolmap offsets only the +35 ring by 45 degrees; this preset, as
  // specified for prep360, offsets both the upper and the lower ring, so every off-horizon view
  // straddles a seam of the middle ring (docs/rigs.md). Its
  // cam_from_pano = R_x(-pitch) R_y(-yaw) is our pano_from_cam = R_y(yaw) R_x(pitch): +pitch is
  // up there too, so the angles carry over unchanged.
  std::vector<Angles> a;
  AddRing(a, 4, -35, 45);
  AddRing(a, 4, 0);
  AddRing(a, 4, 35, 45);
  return MakeRig("colmap12", a, 90);
}

// nerfstudio process_data/equirect_utils.py samples (yaw, pitch) pairs with yaws from
// np.arange(-180, 180, step) in the order: pitch 0 ring, "+45" ring, "-45" ring, and renders them
// with equilib's Equi2Pers (z_down=False: right-handed, x forward, z up), where +pitch looks down
// and +yaw turns left. In our convention that is yaw = -yaw_ns, pitch = -pitch_ns. Both rings
// away from the horizon use the same yaws, so only the order depends on the sign.
Rig Nerfstudio(int count) {
  const bool eight = count == 8;
  const double middle_step = eight ? 90 : 60;
  const double outer_step = eight ? 180 : 90;
  std::vector<Angles> a;
  auto add = [&a](double step, double pitch_ns) {
    for (double yaw_ns = -180; yaw_ns < 180; yaw_ns += step) {
      const double yaw = yaw_ns == 0 ? 0.0 : -yaw_ns;  // no -0
      a.push_back({yaw, -pitch_ns});
    }
  };
  add(middle_step, 0);
  add(outer_step, 45);
  add(outer_step, -45);
  return MakeRig(eight ? "nerfstudio8" : "nerfstudio14", a, eight ? 120 : 110);
}

Rig Dome16() {
  std::vector<Angles> a;
  AddRing(a, 8, 0);
  AddRing(a, 4, 45, 45);
  AddRing(a, 4, -45, 45);
  return MakeRig("dome16", a, 90);
}

// docs/rigs.md, "default11": chosen by searching ring layouts for the fewest views that see every
// direction above latitude -60 with >= 30% overlap between neighbouring views at hfov <= 100.
Rig Default() {
  std::vector<Angles> a;
  AddRing(a, 5, 30, 0, true);
  AddRing(a, 5, -35, 0, true);
  a.push_back({0, 90});
  return MakeRig(kDefaultRigName, a, 100);
}

Rig Ring(int count, const std::string& name) {
  std::vector<Angles> a;
  AddRing(a, count, 0, 0, true);
  return MakeRig(name, a, 90);
}

// hfov = clamp(2.4 * sqrt(4 pi / N) rad, 20, 120) degrees. sqrt(4 pi / N) is the side of the
// square patch of sphere each view owns; 2.4 times it makes every pair of neighbouring views
// overlap by >= 33% for N >= 16 (measured for every N up to 200, docs/rigs.md). Below N = 17 the
// 120 degree cap binds; N >= 7 covers the whole sphere.
double FibonacciHfovDeg(int count) {
  const double side = std::sqrt(4.0 * std::numbers::pi / count);
  return std::clamp(RadToDeg(2.4 * side), 20.0, 120.0);
}

Rig Fibonacci(int count, const std::string& name) {
  std::vector<Angles> a;
  for (int i = 0; i < count; ++i) {
    const Vec3 d = FibonacciDirection(i, count);
    a.push_back({RadToDeg(Longitude(d)), RadToDeg(Latitude(d))});
  }
  return MakeRig(name, a, FibonacciHfovDeg(count));
}

std::string ValidNames() {
  std::string names;
  for (const PresetInfo& p : ListPresets()) {
    if (!names.empty()) names += ", ";
    names += p.name;
  }
  return names;
}

// Parses the N of "prefix:N"; throws Error unless it is an integer in [lo, hi].
int ParseCount(const std::string& name, std::string_view prefix, int lo, int hi) {
  const std::string_view digits = std::string_view(name).substr(prefix.size());
  int value = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || value < lo ||
      value > hi) {
    throw Error(fmt::format("rig preset '{}': N must be an integer in {}..{} (valid presets: {})", name, lo,
                            hi, ValidNames()));
  }
  return value;
}

}  // namespace

const std::vector<PresetInfo>& ListPresets() {
  static const std::vector<PresetInfo> presets = {
      {kDefaultRigName,
       "11 views, 100 deg: 5 at +30, 5 at -35 (same yaws), 1 at the zenith; sees everything "
       "above latitude -84, neighbours overlap >= 35%"},
      {"seed8", "8 views yaw 0..315 at the horizon, 110 deg, 1920x1920 (the reference app's default)"},
      {"seed24",
       "24 views, 110 deg, 1920x1920: 8 at the horizon, 8 at -30 (down), 8 at +30 (up) (the "
       "reference app's GUI default, pitch sign corrected)"},
      {"cube6", "cube faces front, right, back, left, up, down, 90 deg"},
      {"ring:N", "N views (1..64) at the horizon, yaw 360/N apart, 90 deg unless the rig's field of view is set"},
      {"colmap12",
       "after COLMAP PERSPECTIVE_OVERLAPPING: 4 at -35 (offset 45), 4 at 0, 4 at +35 (offset 45), 90 deg"},
      {"nerfstudio8", "nerfstudio --images-per-equirect 8: 4 at the horizon, 2 at -45, 2 at +45, 120 deg"},
      {"nerfstudio14", "nerfstudio --images-per-equirect 14: 6 at the horizon, 4 at -45, 4 at +45, 110 deg"},
      {"dome16", "8 at the horizon, 4 at +45 and 4 at -45 (offset 45), 90 deg"},
      {"fibonacci:N", "N views (4..200) on a golden spiral, hfov = clamp(2.4*sqrt(4pi/N) rad, 20, 120) deg"},
  };
  return presets;
}

Rig MakePreset(const std::string& name) {
  static const std::map<std::string, std::function<Rig()>, std::less<>> fixed = {
      {kDefaultRigName, Default},
      {"seed8", Seed8},
      {"seed24", Seed24},
      {"cube6", Cube6},
      {"colmap12", Colmap12},
      {"nerfstudio8", [] { return Nerfstudio(8); }},
      {"nerfstudio14", [] { return Nerfstudio(14); }},
      {"dome16", Dome16},
  };
  if (const auto it = fixed.find(name); it != fixed.end()) return it->second();
  if (name.starts_with("ring:")) return Ring(ParseCount(name, "ring:", 1, 64), name);
  if (name.starts_with("fibonacci:")) return Fibonacci(ParseCount(name, "fibonacci:", 4, 200), name);
  throw Error(fmt::format("unknown rig preset '{}' (valid presets: {})", name, ValidNames()));
}

}  // namespace prep360
