#include "prep360/lens/fisheye_lens.h"

#include <cmath>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/util/error.h"

namespace prep360 {

double FisheyeLens::Project(const Vec3& d, double* x, double* y) const {
  const double rho = std::sqrt(d.x * d.x + d.y * d.y);
  const double theta = std::atan2(rho, d.z);
  const double r = PixelsPerRadian() * theta;
  if (rho > 0) {
    *x = cx + r * d.x / rho;
    *y = cy + r * d.y / rho;
  } else {
    *x = cx;
    *y = cy;
  }
  return theta;
}

Vec3 FisheyeLens::Ray(double x, double y) const {
  const double dx = x - cx, dy = y - cy;
  const double r = std::hypot(dx, dy);
  if (r == 0) return {0, 0, 1};
  const double theta = r / PixelsPerRadian();
  const double s = std::sin(theta);
  return {s * dx / r, s * dy / r, std::cos(theta)};
}

DualFisheyeCalib DualFisheyeCalib::ScaledTo(int new_width, int new_height) const {
  DualFisheyeCalib out = *this;
  const double sx = static_cast<double>(new_width) / width, sy = static_cast<double>(new_height) / height;
  out.width = new_width;
  out.height = new_height;
  for (FisheyeLens& lens : out.lenses) {
    lens.cx *= sx;
    lens.cy *= sy;
    lens.radius *= std::sqrt(sx * sy);
  }
  return out;
}

DualFisheyeCalib DefaultDualFisheye(int width, int height, double fov_deg) {
  DualFisheyeCalib c;
  c.width = width;
  c.height = height;
  const double half = width / 2.0;
  for (int i = 0; i < 2; ++i) {
    FisheyeLens& lens = c.lenses[static_cast<std::size_t>(i)];
    lens.cx = half * (i + 0.5);
    lens.cy = height / 2.0;
    lens.radius = std::min(half, static_cast<double>(height)) / 2.0;
    lens.fov_deg = fov_deg;
    lens.yaw_deg = i == 0 ? 0.0 : 180.0;
  }
  return c;
}

namespace {

double Number(const nlohmann::json& obj, const char* key, const std::string& where, double fallback,
              bool required) {
  const auto it = obj.find(key);
  if (it == obj.end()) {
    if (required) throw Error(fmt::format("{}: '{}' is missing", where, key));
    return fallback;
  }
  if (!it->is_number()) throw Error(fmt::format("{}: '{}' is not a number", where, key));
  return it->get<double>();
}

FisheyeLens ParseLens(const nlohmann::json& j, const std::string& where) {
  if (!j.is_object()) throw Error(where + ": not an object");
  FisheyeLens lens;
  lens.cx = Number(j, "cx", where, 0, true);
  lens.cy = Number(j, "cy", where, 0, true);
  lens.radius = Number(j, "radius", where, 0, true);
  lens.fov_deg = Number(j, "fov", where, 190, false);
  lens.yaw_deg = Number(j, "yaw", where, 0, false);
  lens.pitch_deg = Number(j, "pitch", where, 0, false);
  lens.roll_deg = Number(j, "roll", where, 0, false);
  if (!(lens.radius > 0)) throw Error(where + ": 'radius' must be > 0");
  if (!(lens.fov_deg > 0 && lens.fov_deg < 360)) throw Error(where + ": 'fov' must be in (0, 360)");
  return lens;
}

}  // namespace

DualFisheyeCalib ParseLensCalib(const std::string& text, const std::string& name) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const std::exception&) {
    throw FileError(name, "not valid JSON");
  }
  if (!j.is_object()) throw FileError(name, "not a JSON object");
  DualFisheyeCalib c;
  c.width = static_cast<int>(Number(j, "width", name, 0, true));
  c.height = static_cast<int>(Number(j, "height", name, 0, true));
  if (c.width <= 0 || c.height <= 0) throw FileError(name, "'width' and 'height' must be > 0");
  if (!j.contains("lenses") || !j.at("lenses").is_array() || j.at("lenses").size() != 2) {
    throw FileError(name, "'lenses' must be an array of two lenses");
  }
  std::size_t i = 0;
  for (const nlohmann::json& lens : j.at("lenses")) {
    c.lenses[i] = ParseLens(lens, fmt::format("{}: lenses[{}]", name, i));
    ++i;
  }
  return c;
}

DualFisheyeCalib ReadLensCalib(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot open the lens calibration");
  std::ostringstream text;
  text << in.rdbuf();
  return ParseLensCalib(text.str(), path);
}

std::string LensCalibToJson(const DualFisheyeCalib& c) {
  nlohmann::ordered_json j;
  j["width"] = c.width;
  j["height"] = c.height;
  j["lenses"] = nlohmann::ordered_json::array();
  for (const FisheyeLens& lens : c.lenses) {
    j["lenses"].push_back({{"cx", lens.cx},
                           {"cy", lens.cy},
                           {"radius", lens.radius},
                           {"fov", lens.fov_deg},
                           {"yaw", lens.yaw_deg},
                           {"pitch", lens.pitch_deg},
                           {"roll", lens.roll_deg}});
  }
  return j.dump(2) + "\n";
}

}  // namespace prep360
