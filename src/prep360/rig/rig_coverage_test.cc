#include "prep360/rig/rig_coverage.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "prep360/geometry/equirect.h"
#include "prep360/rig/presets.h"
#include "prep360/testing/fixtures.h"

namespace prep360 {
namespace {

using testkit::MakeView;

TEST(RigCoverageTest, ViewSeesInsideItsImageOnly) {
  const View v = MakeView("v", 90, 0, 0, 90, 0, 0);
  EXPECT_TRUE(ViewSees(v, {1, 0, 0}));
  EXPECT_TRUE(ViewSees(v, {1, -0.99, 0.99}));  // near the top-left corner
  EXPECT_FALSE(ViewSees(v, {1, -1.01, 0}));    // just above the top edge
  EXPECT_FALSE(ViewSees(v, {-1, 0, 0}));       // behind
  // A 2:1 view at 90 degrees sees +-26.57 degrees vertically (vfov = 2 atan(1/2)).
  const View wide = MakeView("v", 0, 0, 0, 90, 200, 100);
  EXPECT_TRUE(ViewSees(wide, {0, -std::tan(DegToRad(26)), 1}));
  EXPECT_FALSE(ViewSees(wide, {0, -std::tan(DegToRad(27)), 1}));
}

// A square 90-degree view sees a cube face: 1/6 of the sphere.
TEST(RigCoverageTest, OneCubeFaceIsASixth) {
  Rig rig;
  rig.views = {MakeView("v", 0, 0, 0, 90, 0, 0)};
  const RigCoverage c = ComputeCoverage(rig, 60000);
  EXPECT_NEAR(c.covered, 1.0 / 6, 0.002);
  EXPECT_EQ(c.overlapped, 0);
  EXPECT_EQ(c.min_neighbour_overlap, 1);  // no neighbours
  EXPECT_EQ(c.worst_a, -1);
}

// Only directions at latitude >= min_latitude count. A square 90-degree view at the zenith sees
// everything above latitude 45 (its inscribed circle) but not all above 35.26 (its corners).
TEST(RigCoverageTest, MinLatitudeRestrictsTheSamples) {
  Rig rig;
  rig.views = {MakeView("v", 0, 90, 0, 90, 0, 0)};
  EXPECT_EQ(ComputeCoverage(rig, 20000, 45.01).covered, 1.0);
  const double above_30 = ComputeCoverage(rig, 20000, 30).covered;
  EXPECT_GT(above_30, 0.5);
  EXPECT_LT(above_30, 1.0);
  EXPECT_NEAR(ComputeCoverage(rig, 60000, -90).covered, 1.0 / 6, 0.002);
}

// Two 90-degree square views 45 degrees apart in yaw: the right half of A minus what lies above or
// below B, integral of the region x >= 0, |y| <= (x + 1)/sqrt 2 over [-1, 1]^2:
// (sqrt2/2 + 2(2 - sqrt2)) / 4 = 0.4697.
TEST(RigCoverageTest, ViewOverlapKnownValue) {
  const double expected = (std::sqrt(2.0) / 2 + 2 * (2 - std::sqrt(2.0))) / 4;
  EXPECT_NEAR(ViewOverlap(MakeView("v", 0, 0, 0, 90, 0, 0), MakeView("v", 45, 0, 0, 90, 0, 0), 400), expected,
              0.003);
  EXPECT_NEAR(ViewOverlap(MakeView("v", 0, 0, 0, 90, 0, 0), MakeView("v", 0, 0, 0, 90, 0, 0)), 1.0, 1e-12);
  EXPECT_EQ(ViewOverlap(MakeView("v", 0, 0, 0, 90, 0, 0), MakeView("v", 90, 0, 0, 90, 0, 0)),
            0);  // edge to edge
  EXPECT_EQ(ViewOverlap(MakeView("v", 0, 0, 0, 90, 0, 0), MakeView("v", 180, 0, 0, 90, 0, 0)), 0);
}

TEST(RigCoverageTest, NeighbourPairsOfARingAndACube) {
  const std::vector<ViewPair> ring = NeighbourPairs(MakePreset("ring:8"));
  ASSERT_EQ(ring.size(), 8u);  // each view with the next one only
  for (const ViewPair& p : ring) {
    EXPECT_TRUE(p.b == p.a + 1 || (p.a == 0 && p.b == 7)) << p.a << "-" << p.b;
    EXPECT_NEAR(p.overlap, 0.4697, 0.01);
  }
  const std::vector<ViewPair> cube = NeighbourPairs(MakePreset("cube6"));
  EXPECT_EQ(cube.size(), 12u);  // the cube's edges; opposite faces are not neighbours
  for (const ViewPair& p : cube) {
    EXPECT_EQ(p.overlap, 0);
    EXPECT_FALSE(p.a == 0 && p.b == 2);
  }
  // Two opposite views share their whole bisector.
  Rig two;
  two.views = {MakeView("v", 0, 0, 0, 90, 0, 0), MakeView("v", 180, 0, 0, 90, 0, 0)};
  EXPECT_EQ(NeighbourPairs(two).size(), 1u);
}

TEST(RigCoverageTest, FibonacciDirections) {
  const int n = 1000;
  Vec3 sum;
  for (int i = 0; i < n; ++i) {
    const Vec3 d = FibonacciDirection(i, n);
    EXPECT_NEAR(d.Norm(), 1, 1e-12);
    EXPECT_NEAR(Latitude(d), std::asin(1 - (2.0 * i + 1) / n), 1e-9);
    sum = sum + d;
  }
  EXPECT_LT(sum.Norm() / n, 0.01);  // spread evenly: no net direction
  EXPECT_GT(Latitude(FibonacciDirection(0, n)), Latitude(FibonacciDirection(1, n)));  // top first
}

}  // namespace
}  // namespace prep360
