// Equirect mapping of docs/conventions.md: lon = 2 pi u / W - pi, lat = pi/2 - pi v / H,
// d = (cos lat sin lon, -sin lat, cos lat cos lon); (u, v) continuous, 0 at the left/top edge.
#include "prep360/geometry/equirect.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace prep360 {
namespace {

void ExpectVecNear(const Vec3& a, const Vec3& b, double eps = 1e-12) {
  EXPECT_NEAR(a.x, b.x, eps);
  EXPECT_NEAR(a.y, b.y, eps);
  EXPECT_NEAR(a.z, b.z, eps);
}

TEST(EquirectTest, KnownDirections) {
  const int w = 3600, h = 1800;
  ExpectVecNear(DirectionFromEquirect(1800, 900, w, h), {0, 0, 1});  // centre: forward
  ExpectVecNear(DirectionFromEquirect(2700, 900, w, h), {1, 0, 0});  // 3W/4: right, lon +90
  ExpectVecNear(DirectionFromEquirect(900, 900, w, h), {-1, 0, 0});  // W/4: left
  ExpectVecNear(DirectionFromEquirect(0, 900, w, h), {0, 0, -1});    // left edge: behind
  ExpectVecNear(DirectionFromEquirect(123, 0, w, h), {0, -1, 0});    // top edge: zenith (-y)
  ExpectVecNear(DirectionFromEquirect(456, 1800, w, h), {0, 1, 0});  // bottom edge: nadir
  const Vec3 d = DirectionFromEquirect(2100, 600, w, h);             // lon 30, lat 30
  EXPECT_NEAR(RadToDeg(Longitude(d)), 30, 1e-9);
  EXPECT_NEAR(RadToDeg(Latitude(d)), 30, 1e-9);
}

// Pixel (i, j) has its centre at (i + 0.5, j + 0.5): in a 4 x 2 equirect the first pixel's centre
// is at lon -135, lat +45.
TEST(EquirectTest, PixelCentres) {
  const Vec3 d = DirectionFromEquirect(0 + 0.5, 0 + 0.5, 4, 2);
  EXPECT_NEAR(RadToDeg(Longitude(d)), -135, 1e-9);
  EXPECT_NEAR(RadToDeg(Latitude(d)), 45, 1e-9);
}

TEST(EquirectTest, RoundTrip) {
  std::mt19937 rng(3);
  const int w = 7680, h = 3840;
  std::uniform_real_distribution<double> u(0, w), v(0.001, h - 0.001);
  for (int i = 0; i < 2000; ++i) {
    const double uu = u(rng), vv = v(rng);
    const EquirectPoint p = EquirectFromDirection(DirectionFromEquirect(uu, vv, w, h), w, h);
    EXPECT_NEAR(p.u, uu, 1e-6);
    EXPECT_NEAR(p.v, vv, 1e-6);
  }
  // Direction -> (u, v) -> direction, for directions of any length.
  std::normal_distribution<double> g;
  for (int i = 0; i < 2000; ++i) {
    const Vec3 d{g(rng), g(rng), g(rng)};
    const EquirectPoint p = EquirectFromDirection(d, w, h);
    EXPECT_GE(p.u, 0);
    EXPECT_LT(p.u, w);
    ExpectVecNear(DirectionFromEquirect(p.u, p.v, w, h), d.Normalized(), 1e-9);
  }
}

TEST(EquirectTest, SeamMapsIntoRange) {
  // Straight behind: lon = +-pi, u must land in [0, W).
  const EquirectPoint p = EquirectFromDirection({0, 0, -1}, 100, 50);
  EXPECT_GE(p.u, 0);
  EXPECT_LT(p.u, 100);
  EXPECT_TRUE(p.u < 1e-9 || p.u > 100 - 1e-9);
  EXPECT_NEAR(EquirectFromDirection({1e-12, 0, -1}, 100, 50).u, 100, 1e-6);  // just right of the seam
  EXPECT_NEAR(EquirectFromDirection({-1e-12, 0, -1}, 100, 50).u, 0, 1e-6);   // just left of it
}

}  // namespace
}  // namespace prep360
