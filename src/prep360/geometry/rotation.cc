#include "prep360/geometry/rotation.h"

#include <algorithm>

namespace prep360 {

Mat3 Mat3::operator*(const Mat3& o) const {
  Mat3 r;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) {
      r(i, j) = (*this)(i, 0) * o(0, j) + (*this)(i, 1) * o(1, j) + (*this)(i, 2) * o(2, j);
    }
  }
  return r;
}

Mat3 Mat3::Transposed() const {
  Mat3 r;
  for (int i = 0; i < 3; ++i) {
    for (int j = 0; j < 3; ++j) r(i, j) = (*this)(j, i);
  }
  return r;
}

Mat3 RotX(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return Mat3{{1, 0, 0, 0, c, -s, 0, s, c}};
}

Mat3 RotY(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return Mat3{{c, 0, s, 0, 1, 0, -s, 0, c}};
}

Mat3 RotZ(double a) {
  const double c = std::cos(a), s = std::sin(a);
  return Mat3{{c, -s, 0, s, c, 0, 0, 0, 1}};
}

Mat3 PanoFromCam(double yaw_deg, double pitch_deg, double roll_deg) {
  // R_x(a) maps the optical axis (0,0,1) to (0,-sin a,cos a): toward -y, which is up in a
  // y-down frame, so +pitch looks up with the plain right-handed matrix.
  return RotY(DegToRad(yaw_deg)) * RotX(DegToRad(pitch_deg)) * RotZ(DegToRad(roll_deg));
}

Quaternion QuaternionFromMatrix(const Mat3& r) {
  Quaternion q;
  const double trace = r(0, 0) + r(1, 1) + r(2, 2);
  if (trace > 0) {
    const double s = std::sqrt(trace + 1.0) * 2;
    q.w = 0.25 * s;
    q.x = (r(2, 1) - r(1, 2)) / s;
    q.y = (r(0, 2) - r(2, 0)) / s;
    q.z = (r(1, 0) - r(0, 1)) / s;
  } else if (r(0, 0) > r(1, 1) && r(0, 0) > r(2, 2)) {
    const double s = std::sqrt(1.0 + r(0, 0) - r(1, 1) - r(2, 2)) * 2;
    q.w = (r(2, 1) - r(1, 2)) / s;
    q.x = 0.25 * s;
    q.y = (r(0, 1) + r(1, 0)) / s;
    q.z = (r(0, 2) + r(2, 0)) / s;
  } else if (r(1, 1) > r(2, 2)) {
    const double s = std::sqrt(1.0 + r(1, 1) - r(0, 0) - r(2, 2)) * 2;
    q.w = (r(0, 2) - r(2, 0)) / s;
    q.x = (r(0, 1) + r(1, 0)) / s;
    q.y = 0.25 * s;
    q.z = (r(1, 2) + r(2, 1)) / s;
  } else {
    const double s = std::sqrt(1.0 + r(2, 2) - r(0, 0) - r(1, 1)) * 2;
    q.w = (r(1, 0) - r(0, 1)) / s;
    q.x = (r(0, 2) + r(2, 0)) / s;
    q.y = (r(1, 2) + r(2, 1)) / s;
    q.z = 0.25 * s;
  }
  if (q.w < 0) q = {-q.w, -q.x, -q.y, -q.z};
  const double n = std::sqrt(q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z);
  return {q.w / n, q.x / n, q.y / n, q.z / n};
}

Mat3 MatrixFromQuaternion(const Quaternion& q) {
  const double w = q.w, x = q.x, y = q.y, z = q.z;
  return Mat3{{1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y),
               2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x),
               2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)}};
}

}  // namespace prep360
