#pragma once
// Small fixed-size linear algebra and the rotation conventions of docs/conventions.md.
// Camera frame: x right, y down, z forward (OpenCV/COLMAP).
// R_pano_from_cam = R_y(yaw) * R_x(pitch) * R_z(roll); +yaw turns right, +pitch looks up,
// +roll turns the camera's x axis toward +y.
#include <array>
#include <cmath>
#include <numbers>

namespace prep360 {

struct Vec3 {
  double x = 0, y = 0, z = 0;
  double Dot(const Vec3& o) const { return x * o.x + y * o.y + z * o.z; }
  double Norm() const { return std::sqrt(Dot(*this)); }
  Vec3 Normalized() const {
    const double n = Norm();
    return {x / n, y / n, z / n};
  }
  Vec3 Cross(const Vec3& o) const { return {y * o.z - z * o.y, z * o.x - x * o.z, x * o.y - y * o.x}; }
  Vec3 operator+(const Vec3& o) const { return {x + o.x, y + o.y, z + o.z}; }
  Vec3 operator-(const Vec3& o) const { return {x - o.x, y - o.y, z - o.z}; }
  Vec3 operator*(double s) const { return {x * s, y * s, z * s}; }
};

// Row-major 3x3 matrix.
struct Mat3 {
  std::array<double, 9> m{1, 0, 0, 0, 1, 0, 0, 0, 1};
  double operator()(int r, int c) const { return m[static_cast<std::size_t>(r * 3 + c)]; }
  double& operator()(int r, int c) { return m[static_cast<std::size_t>(r * 3 + c)]; }
  Vec3 operator*(const Vec3& v) const {
    return {m[0] * v.x + m[1] * v.y + m[2] * v.z, m[3] * v.x + m[4] * v.y + m[5] * v.z,
            m[6] * v.x + m[7] * v.y + m[8] * v.z};
  }
  Mat3 operator*(const Mat3& o) const;
  Mat3 Transposed() const;
  static Mat3 Identity() { return {}; }
};

// Unit quaternion, stored [w, x, y, z] as COLMAP writes it.
struct Quaternion {
  double w = 1, x = 0, y = 0, z = 0;
};

constexpr double DegToRad(double deg) { return deg * std::numbers::pi / 180.0; }
constexpr double RadToDeg(double rad) { return rad * 180.0 / std::numbers::pi; }

// Right-handed elementary rotations (angles in radians).
Mat3 RotX(double a);
Mat3 RotY(double a);
Mat3 RotZ(double a);

// R_pano_from_cam for a view with the given yaw, pitch, roll in degrees.
Mat3 PanoFromCam(double yaw_deg, double pitch_deg, double roll_deg);

// Rotation matrix -> unit quaternion with w >= 0.
Quaternion QuaternionFromMatrix(const Mat3& r);
Mat3 MatrixFromQuaternion(const Quaternion& q);

}  // namespace prep360
