#include "prep360/cli/view_options.h"

#include <charconv>

#include "prep360/rig/presets.h"
#include "prep360/rig/rig_json.h"
#include "prep360/util/error.h"

namespace prep360::cli {

void ParseSize(const std::string& text, int* width, int* height) {
  const auto x = text.find('x');
  auto parse = [&](std::string_view part, int* value) {
    const auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), *value);
    return ec == std::errc() && ptr == part.data() + part.size() && *value >= 16 && *value <= 16384;
  };
  if (x == std::string::npos || !parse(std::string_view(text).substr(0, x), width) ||
      !parse(std::string_view(text).substr(x + 1), height)) {
    throw Error("--size: '" + text + "' is not WIDTHxHEIGHT with each side in 16..16384 (e.g. 1920x1080)");
  }
}

void ViewOptions::Add(CLI::App& app) {
  rig = kDefaultRigName;
  app.add_option("--rig", rig,
                 "Rig preset (see `prep360 rig list`) or a rig .json file (schema in docs/rigs.md)")
      ->capture_default_str();
  app.add_option("--fov", fov, "Horizontal field of view of every view, degrees (default: the rig's)")
      ->check(CLI::Range(1.0, 179.0));
  app.add_option("--size", size,
                 "View size WxH for every view (default: the rig's, else matched to the panorama's "
                 "angular resolution at the view centre, rounded to 16)");
}

Rig ViewOptions::Build() const {
  Rig r = LoadRig(rig);
  if (fov > 0) r = WithHfov(r, fov);
  if (!size.empty()) {
    int w = 0, h = 0;
    ParseSize(size, &w, &h);
    r = WithSize(r, w, h);
  }
  return r;
}

}  // namespace prep360::cli
