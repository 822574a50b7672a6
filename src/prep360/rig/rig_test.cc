#include "prep360/rig/rig.h"

#include <gtest/gtest.h>

#include <cmath>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

// fx = W_eq / 2pi; width = 2 fx tan(hfov/2), rounded to a multiple of 16.
TEST(RigTest, DensityMatchedWidthKnownValues) {
  // 7680 / 2pi = 1222.3; 2 * 1222.3 * tan(45) = 2444.6 -> 2448.
  EXPECT_EQ(DensityMatchedWidth(90, 7680), 2448);
  // 2 * 1222.3 * tan(55) = 3491.3 -> 3488.
  EXPECT_EQ(DensityMatchedWidth(110, 7680), 3488);
  // 3840 wide: 611.2 * 2 = 1222.3 -> 1216.
  EXPECT_EQ(DensityMatchedWidth(90, 3840), 1216);
  // 5760 wide, 100 degrees: 2 * 916.7 * tan(50) = 2185.0 -> 2192.
  EXPECT_EQ(DensityMatchedWidth(100, 5760), 2192);
  EXPECT_EQ(DensityMatchedWidth(1, 100), 16);  // never below 16
  for (double hfov : {10.0, 45.0, 90.0, 120.0, 170.0}) EXPECT_EQ(DensityMatchedWidth(hfov, 6000) % 16, 0);
}

TEST(RigTest, DensityMatchedWidthRejectsBadInput) {
  EXPECT_THROW(DensityMatchedWidth(0, 7680), Error);
  EXPECT_THROW(DensityMatchedWidth(180, 7680), Error);
  EXPECT_THROW(DensityMatchedWidth(90, 0), Error);
}

Rig ThreeViews() {
  return Rig{"three",
             {{"a", 0, 0, 0, 90, 0, 0}, {"b", 90, 0, 0, 110, 1920, 1080}, {"c", 180, 0, 0, 90, 640, 0}}};
}

TEST(RigTest, ResolveViewSizesFillsOnlyMissingSizes) {
  const Rig r = ResolveViewSizes(ThreeViews(), 7680);
  EXPECT_EQ(r.views[0].width, 2448);  // density-matched, square
  EXPECT_EQ(r.views[0].height, 2448);
  EXPECT_EQ(r.views[1].width, 1920);  // kept
  EXPECT_EQ(r.views[1].height, 1080);
  EXPECT_EQ(r.views[2].width, 640);  // one side given: square
  EXPECT_EQ(r.views[2].height, 640);
  EXPECT_EQ(r.name, "three");
  Rig only_height = ThreeViews();
  only_height.views[2] = {"c", 0, 0, 0, 90, 0, 480};
  EXPECT_EQ(ResolveViewSizes(only_height, 7680).views[2].width, 480);
}

TEST(RigTest, WithSizeAndWithHfov) {
  const Rig sized = WithSize(ThreeViews(), 800, 600);
  for (const View& v : sized.views) {
    EXPECT_EQ(v.width, 800);
    EXPECT_EQ(v.height, 600);
  }
  const Rig wide = WithHfov(ThreeViews(), 120);
  for (const View& v : wide.views) EXPECT_EQ(v.hfov_deg, 120);
  EXPECT_EQ(wide.views[1].width, 1920);  // sizes untouched
  EXPECT_THROW(WithSize(ThreeViews(), 0, 600), Error);
  EXPECT_THROW(WithHfov(ThreeViews(), 180), Error);
  EXPECT_THROW(WithHfov(ThreeViews(), -1), Error);
}

TEST(RigTest, ViewCameraAndShape) {
  const View v{"a", 0, 0, 0, 90, 1920, 1080};
  EXPECT_NEAR(v.Camera().fx, 960, 1e-9);
  EXPECT_EQ(ShapeCamera(v).height, 1080);
  const Pinhole unset = ShapeCamera({"b", 0, 0, 0, 60, 0, 0});
  EXPECT_EQ(unset.width, unset.height);
  EXPECT_NEAR(unset.HfovDeg(), 60, 1e-9);
  // CamFromPano is the inverse of PanoFromCam.
  const View tilted{"c", 30, -20, 10, 90, 0, 0};
  const Mat3 i = tilted.CamFromPano() * tilted.PanoFromCam();
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c) EXPECT_NEAR(i(r, c), r == c ? 1 : 0, 1e-12);
  }
}

}  // namespace
}  // namespace prep360
