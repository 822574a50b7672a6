#pragma once
// Equirectangular projection (docs/conventions.md). Pixel position (u, v) is continuous with 0 at
// the left/top edge; pixel (i, j) has its centre at (i + 0.5, j + 0.5).
//   longitude = 2*pi*u/W - pi, latitude = pi/2 - pi*v/H,
//   direction = (cos(lat) sin(lon), -sin(lat), cos(lat) cos(lon)) in the pano frame.
#include "prep360/geometry/rotation.h"

namespace prep360 {

struct EquirectPoint {
  double u = 0, v = 0;
};

// Unit direction (pano frame) of the continuous equirect position (u, v) in a W x H image.
Vec3 DirectionFromEquirect(double u, double v, int width, int height);

// Continuous equirect position of a direction (need not be unit length). u in [0, W), v in [0, H].
EquirectPoint EquirectFromDirection(const Vec3& d, int width, int height);

// Longitude and latitude (radians) of a direction.
double Longitude(const Vec3& d);
double Latitude(const Vec3& d);

}  // namespace prep360
