#include "prep360/lens/insta360_calib.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <vector>

#include <fmt/format.h>

#include "prep360/lens/input_source.h"
#include "prep360/telemetry/insta360_trailer.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

std::vector<double> SplitNumbers(const std::string& s, const std::string& name) {
  std::vector<double> out;
  std::size_t at = 0;
  while (at <= s.size()) {
    const std::size_t end = std::min(s.find('_', at), s.size());
    const std::string item = s.substr(at, end - at);
    char* stop = nullptr;
    const double v = std::strtod(item.c_str(), &stop);
    if (item.empty() || stop != item.c_str() + item.size() || !std::isfinite(v)) {
      throw FileError(name, fmt::format("Insta360 lens calibration: '{}' is not a number", item));
    }
    out.push_back(v);
    at = end + 1;
  }
  return out;
}

}  // namespace

DualFisheyeCalib ParseInsta360Offset(const std::string& offset, double fov_deg, const std::string& name) {
  const std::vector<double> v = SplitNumbers(offset, name);
  if (v.size() < 1 + 2 * 6 + 2 || v[0] != 2) {
    throw FileError(name, "Insta360 lens calibration: not two lenses of six values and a frame size");
  }
  DualFisheyeCalib c = DefaultDualFisheye(2, 1, fov_deg);
  c.width = static_cast<int>(std::lround(v[13]));
  c.height = static_cast<int>(std::lround(v[14]));
  if (c.width <= 0 || c.height <= 0 || c.width != v[13] || c.height != v[14]) {
    throw FileError(name, fmt::format("Insta360 lens calibration: frame size {}x{} is not valid", v[13], v[14]));
  }
  for (std::size_t i = 0; i < 2; ++i) {
    const double* l = &v[1 + 6 * i];
    FisheyeLens& lens = c.lenses[i];
    if (!(l[0] > 0)) throw FileError(name, "Insta360 lens calibration: radius must be > 0");
    lens.radius = l[0];
    lens.cx = l[1];
    lens.cy = l[2];
    lens.yaw_deg += l[3];
    lens.pitch_deg += l[4];
    lens.roll_deg += l[5];
  }
  c.origin = "insta360 trailer";
  return c;
}

std::optional<DualFisheyeCalib> Insta360TrailerCalib(const std::string& path, double fov_deg, std::string* warning) {
  std::string source = path;
  const std::string partner = PairedLensFile(path);
  if (!partner.empty() && std::filesystem::path(partner).filename().string().find("_00_") != std::string::npos &&
      std::filesystem::exists(partner)) {
    source = partner;
  }
  std::optional<Insta360Trailer> trailer;
  try {
    trailer = ReadInsta360Trailer(source);
  } catch (const Error& e) {
    if (warning) *warning = e.what();
    return std::nullopt;
  }
  if (!trailer) return std::nullopt;
  for (const Insta360Record& r : trailer->records) {
    if (r.id != 1) continue;
    const std::string offset = Insta360OffsetString(r.payload);
    if (offset.empty()) continue;
    try {
      return ParseInsta360Offset(offset, fov_deg, source);
    } catch (const Error& e) {
      if (warning) *warning = e.what();
      return std::nullopt;
    }
  }
  return std::nullopt;
}

}  // namespace prep360
