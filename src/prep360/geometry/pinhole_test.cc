// Pinhole conventions of docs/conventions.md: square pixels, fx = fy = (W/2) / tan(hfov/2),
// cx = W/2, cy = H/2, pixel (i, j) centred at (i + 0.5, j + 0.5), x right, y down, z forward.
#include "prep360/geometry/pinhole.h"

#include <gtest/gtest.h>

#include <cmath>

namespace prep360 {
namespace {

TEST(PinholeTest, IntrinsicsFromHfov) {
  const Pinhole p = Pinhole::FromHfov(1920, 1080, 90);
  EXPECT_NEAR(p.fx, 960, 1e-9);
  EXPECT_NEAR(p.fy, 960, 1e-9);
  EXPECT_DOUBLE_EQ(p.cx, 960);
  EXPECT_DOUBLE_EQ(p.cy, 540);
  EXPECT_NEAR(p.HfovDeg(), 90, 1e-9);
}

// A non-square view keeps square pixels: vfov = 2 atan(H / (2 fy)), not hfov * H / W.
TEST(PinholeTest, NonSquareVfovFollowsFromSquarePixels) {
  const Pinhole p = Pinhole::FromHfov(1920, 1080, 90);
  EXPECT_EQ(p.fx, p.fy);
  EXPECT_NEAR(p.VfovDeg(), RadToDeg(2 * std::atan(540.0 / 960.0)), 1e-9);
  EXPECT_NEAR(p.VfovDeg(), 58.7155, 1e-4);
  EXPECT_GT(std::abs(p.VfovDeg() - 90.0 * 1080 / 1920), 8);  // the linear rule is wrong by 8 degrees
  const Pinhole tall = Pinhole::FromHfov(1000, 2000, 60);
  EXPECT_NEAR(tall.VfovDeg(), RadToDeg(2 * std::atan(2 * std::tan(DegToRad(30)))), 1e-9);
}

// Pixel (i, j) is centred at (i + 0.5, j + 0.5): in a 4 x 2 view the centres of pixels 1 and 2 sit
// symmetrically about the optical axis, and the image edges (0 and W) are at +-tan(hfov/2).
TEST(PinholeTest, PixelCentres) {
  const Pinhole p = Pinhole::FromHfov(4, 2, 90);  // fx = 2
  EXPECT_DOUBLE_EQ(p.Ray(1 + 0.5, 0.5).x, -0.25);
  EXPECT_DOUBLE_EQ(p.Ray(2 + 0.5, 0.5).x, 0.25);
  EXPECT_DOUBLE_EQ(p.Ray(1 + 0.5, 0 + 0.5).y, -0.25);  // y down: row 0 is above the axis
  EXPECT_DOUBLE_EQ(p.Ray(0, 1).x, -1);
  EXPECT_DOUBLE_EQ(p.Ray(4, 1).x, 1);
  EXPECT_DOUBLE_EQ(p.Ray(2, 1).x, 0);
  EXPECT_DOUBLE_EQ(p.Ray(2, 1).y, 0);
}

TEST(PinholeTest, ProjectInvertsRay) {
  const Pinhole p = Pinhole::FromHfov(640, 480, 75);
  for (double x : {0.0, 10.5, 320.0, 639.5, 640.0}) {
    for (double y : {0.0, 0.5, 240.0, 479.5}) {
      double px = 0, py = 0;
      const Vec3 r = p.Ray(x, y) * 3.0;
      ASSERT_TRUE(p.Project(r, &px, &py));
      EXPECT_NEAR(px, x, 1e-9);
      EXPECT_NEAR(py, y, 1e-9);
    }
  }
  double px = 0, py = 0;
  EXPECT_FALSE(p.Project({0, 0, -1}, &px, &py));
  EXPECT_FALSE(p.Project({1, 0, 0}, &px, &py));
}

}  // namespace
}  // namespace prep360
