// Rotation conventions of docs/conventions.md: R_pano_from_cam = R_y(yaw) R_x(pitch) R_z(roll),
// +yaw turns right, +pitch looks up, +roll turns the camera's x axis toward +y.
#include "prep360/geometry/rotation.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "prep360/geometry/equirect.h"

namespace prep360 {
namespace {

constexpr double kEps = 1e-12;

void ExpectVecNear(const Vec3& a, const Vec3& b, double eps = 1e-12) {
  EXPECT_NEAR(a.x, b.x, eps);
  EXPECT_NEAR(a.y, b.y, eps);
  EXPECT_NEAR(a.z, b.z, eps);
}

void ExpectMatNear(const Mat3& a, const Mat3& b, double eps = 1e-12) {
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(a(r, c), b(r, c), eps) << "(" << r << "," << c << ")";
  }
}

Vec3 OpticalAxis(double yaw, double pitch, double roll) {
  return PanoFromCam(yaw, pitch, roll) * Vec3{0, 0, 1};
}

TEST(RotationTest, ElementaryMatricesAreTheRightHandedOnesOfTheDesign) {
  const double a = 0.3, c = std::cos(a), s = std::sin(a);
  ExpectMatNear(RotX(a), Mat3{{1, 0, 0, 0, c, -s, 0, s, c}});
  ExpectMatNear(RotY(a), Mat3{{c, 0, s, 0, 1, 0, -s, 0, c}});
  ExpectMatNear(RotZ(a), Mat3{{c, -s, 0, s, c, 0, 0, 0, 1}});
}

TEST(RotationTest, ZeroAnglesAreIdentity) { ExpectMatNear(PanoFromCam(0, 0, 0), Mat3::Identity()); }

TEST(RotationTest, YawPlus90LooksAtLongitudePlus90) {
  const Vec3 axis = OpticalAxis(90, 0, 0);
  ExpectVecNear(axis, {1, 0, 0});
  EXPECT_NEAR(RadToDeg(Longitude(axis)), 90, 1e-9);
  // ... which is three quarters across the equirect, on its middle row.
  const EquirectPoint p = EquirectFromDirection(axis, 4000, 2000);
  EXPECT_NEAR(p.u, 3000, 1e-9);
  EXPECT_NEAR(p.v, 1000, 1e-9);
  // -90 looks left (u = W/4).
  EXPECT_NEAR(EquirectFromDirection(OpticalAxis(-90, 0, 0), 4000, 2000).u, 1000, 1e-9);
}

TEST(RotationTest, PitchPlus90LooksAtTheZenith) {
  const Vec3 axis = OpticalAxis(0, 90, 0);
  ExpectVecNear(axis, {0, -1, 0});  // -y is up in a y-down frame
  EXPECT_NEAR(EquirectFromDirection(axis, 4000, 2000).v, 0, 1e-9);
  EXPECT_NEAR(EquirectFromDirection(OpticalAxis(0, -90, 0), 4000, 2000).v, 2000, 1e-9);
  EXPECT_NEAR(RadToDeg(Latitude(OpticalAxis(0, 30, 0))), 30, 1e-9);
  EXPECT_NEAR(RadToDeg(Latitude(OpticalAxis(0, -30, 0))), -30, 1e-9);
}

// Roll +90 turns the camera's x axis (image right) toward +y, which is down: the camera is turned
// clockwise as seen from behind it, so in its image the sky is on the left and the ground on the
// right (the horizon runs vertically through the centre).
TEST(RotationTest, RollPlus90TurnsImageRightTowardTheGround) {
  const Mat3 r = PanoFromCam(0, 0, 90);
  ExpectVecNear(r * Vec3{1, 0, 0}, {0, 1, 0});   // image right -> down
  ExpectVecNear(r * Vec3{0, -1, 0}, {1, 0, 0});  // image up -> right (+longitude)
  ExpectVecNear(r * Vec3{0, 0, 1}, {0, 0, 1});   // the optical axis does not move
  const Vec3 right_of_centre = r * Vec3{0.5, 0, 1};
  const Vec3 left_of_centre = r * Vec3{-0.5, 0, 1};
  EXPECT_LT(Latitude(right_of_centre), -0.4);
  EXPECT_GT(Latitude(left_of_centre), 0.4);
  EXPECT_NEAR(Longitude(right_of_centre), 0, kEps);
}

// Worked example of docs/conventions.md: yaw 90, pitch 30, roll 0. Pitch acts in the camera's own
// frame before the yaw, so the axis keeps latitude 30 at longitude 90; the other order
// (R_x(pitch) R_y(yaw)) would put it on the horizon.
TEST(RotationTest, OrderIsYawThenPitchThenRoll) {
  const Vec3 axis = OpticalAxis(90, 30, 0);
  ExpectVecNear(axis, {std::cos(DegToRad(30)), -0.5, 0}, 1e-12);
  EXPECT_NEAR(RadToDeg(Longitude(axis)), 90, 1e-9);
  EXPECT_NEAR(RadToDeg(Latitude(axis)), 30, 1e-9);
  ExpectMatNear(PanoFromCam(20, -40, 70), RotY(DegToRad(20)) * RotX(DegToRad(-40)) * RotZ(DegToRad(70)));
  const Vec3 wrong = RotX(DegToRad(30)) * RotY(DegToRad(90)) * Vec3{0, 0, 1};
  EXPECT_NEAR(RadToDeg(Latitude(wrong)), 0, 1e-9);
}

// The worked example of docs/conventions.md, entry by entry: yaw 90, pitch 30.
TEST(RotationTest, WorkedExample) {
  const double c = std::cos(DegToRad(30)), s = 0.5;
  const Mat3 r = PanoFromCam(90, 30, 0);
  ExpectMatNear(r, Mat3{{0, s, c, 0, c, -s, -1, 0, 0}}, 1e-12);
  ExpectVecNear(r * Vec3{1, 0, 0}, {0, 0, -1});    // image right points to longitude 180
  ExpectVecNear(r * Vec3{0, -1, 0}, {-s, -c, 0});  // image up: latitude 60 over at longitude -90
  const EquirectPoint p = EquirectFromDirection(r * Vec3{0, 0, 1}, 4000, 2000);
  EXPECT_NEAR(p.u, 3000, 1e-9);
  EXPECT_NEAR(p.v, 2000.0 / 3, 1e-9);
  // COLMAP order [w, x, y, z]: q = q_y(90) * q_x(30).
  const Quaternion q = QuaternionFromMatrix(r);
  const double h = std::sqrt(0.5);
  EXPECT_NEAR(q.w, h * std::cos(DegToRad(15)), 1e-12);
  EXPECT_NEAR(q.x, h * std::sin(DegToRad(15)), 1e-12);
  EXPECT_NEAR(q.y, h * std::cos(DegToRad(15)), 1e-12);
  EXPECT_NEAR(q.z, -h * std::sin(DegToRad(15)), 1e-12);
}

TEST(RotationTest, MatricesAreOrthonormal) {
  const Mat3 r = PanoFromCam(37, -12, 101);
  ExpectMatNear(r * r.Transposed(), Mat3::Identity(), 1e-12);
}

TEST(RotationTest, KnownQuaternions) {
  // R_y(90): q = (cos 45, 0, sin 45, 0).
  const Quaternion q = QuaternionFromMatrix(RotY(DegToRad(90)));
  EXPECT_NEAR(q.w, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(q.x, 0, 1e-12);
  EXPECT_NEAR(q.y, std::sqrt(0.5), 1e-12);
  EXPECT_NEAR(q.z, 0, 1e-12);
  // Half turns (trace -1) take the other branches: q = (0, axis).
  const Quaternion qx = QuaternionFromMatrix(RotX(std::numbers::pi));
  EXPECT_NEAR(std::abs(qx.x), 1, 1e-12);
  const Quaternion qy = QuaternionFromMatrix(RotY(std::numbers::pi));
  EXPECT_NEAR(std::abs(qy.y), 1, 1e-12);
  const Quaternion qz = QuaternionFromMatrix(RotZ(std::numbers::pi));
  EXPECT_NEAR(std::abs(qz.z), 1, 1e-12);
  // COLMAP's [w, x, y, z] for a rotation of 60 degrees about z.
  const Quaternion q60 = QuaternionFromMatrix(RotZ(DegToRad(60)));
  EXPECT_NEAR(q60.w, std::cos(DegToRad(30)), 1e-12);
  EXPECT_NEAR(q60.z, 0.5, 1e-12);
  ExpectMatNear(MatrixFromQuaternion({std::cos(DegToRad(30)), 0, 0, 0.5}), RotZ(DegToRad(60)));
}

TEST(RotationTest, QuaternionRoundTripWithNonNegativeW) {
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> angle(-180, 180);
  for (int i = 0; i < 500; ++i) {
    const Mat3 r = PanoFromCam(angle(rng), angle(rng) / 2, angle(rng));
    const Quaternion q = QuaternionFromMatrix(r);
    EXPECT_GE(q.w, 0);
    EXPECT_NEAR(q.w * q.w + q.x * q.x + q.y * q.y + q.z * q.z, 1, 1e-12);
    ExpectMatNear(MatrixFromQuaternion(q), r, 1e-12);
  }
}

}  // namespace
}  // namespace prep360
