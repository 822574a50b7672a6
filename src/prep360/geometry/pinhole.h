#pragma once
// Pinhole camera with square pixels: fx = fy = (W/2) / tan(hfov/2), cx = W/2, cy = H/2.
// Pixel (i, j) has its centre at (i + 0.5, j + 0.5); the ray through continuous pixel position
// (x, y) is ((x - cx)/fx, (y - cy)/fy, 1) in the camera frame (x right, y down, z forward).
#include "prep360/geometry/rotation.h"

namespace prep360 {

struct Pinhole {
  int width = 0, height = 0;
  double fx = 0, fy = 0, cx = 0, cy = 0;

  static Pinhole FromHfov(int width, int height, double hfov_deg);
  // Vertical field of view implied by the square-pixel model (never hfov*H/W).
  double VfovDeg() const;
  double HfovDeg() const;
  Vec3 Ray(double x, double y) const { return {(x - cx) / fx, (y - cy) / fy, 1.0}; }
  // Projects a camera-frame point; returns false when it is behind the camera (z <= 0).
  bool Project(const Vec3& p, double* x, double* y) const;
};

}  // namespace prep360
