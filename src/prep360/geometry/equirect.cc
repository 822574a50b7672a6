#include "prep360/geometry/equirect.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace prep360 {

Vec3 DirectionFromEquirect(double u, double v, int width, int height) {
  const double lon = 2.0 * std::numbers::pi * u / width - std::numbers::pi;
  const double lat = std::numbers::pi / 2.0 - std::numbers::pi * v / height;
  const double c = std::cos(lat);
  return {c * std::sin(lon), -std::sin(lat), c * std::cos(lon)};
}

double Longitude(const Vec3& d) { return std::atan2(d.x, d.z); }

double Latitude(const Vec3& d) {
  const double n = d.Norm();
  return std::asin(std::clamp(-d.y / n, -1.0, 1.0));
}

EquirectPoint EquirectFromDirection(const Vec3& d, int width, int height) {
  double u = (Longitude(d) + std::numbers::pi) * width / (2.0 * std::numbers::pi);
  if (u >= width) u -= width;
  if (u < 0) u += width;
  const double v = (std::numbers::pi / 2.0 - Latitude(d)) * height / std::numbers::pi;
  return {u, v};
}

}  // namespace prep360
