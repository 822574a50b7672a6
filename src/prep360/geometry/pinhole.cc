#include "prep360/geometry/pinhole.h"

#include <cmath>

namespace prep360 {

Pinhole Pinhole::FromHfov(int width, int height, double hfov_deg) {
  Pinhole p;
  p.width = width;
  p.height = height;
  p.fx = p.fy = (width / 2.0) / std::tan(DegToRad(hfov_deg) / 2.0);
  p.cx = width / 2.0;
  p.cy = height / 2.0;
  return p;
}

double Pinhole::HfovDeg() const { return RadToDeg(2.0 * std::atan(width / (2.0 * fx))); }
double Pinhole::VfovDeg() const { return RadToDeg(2.0 * std::atan(height / (2.0 * fy))); }

bool Pinhole::Project(const Vec3& p, double* x, double* y) const {
  if (p.z <= 0) return false;
  *x = fx * p.x / p.z + cx;
  *y = fy * p.y / p.z + cy;
  return true;
}

}  // namespace prep360
