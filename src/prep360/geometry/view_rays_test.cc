#include "prep360/geometry/view_rays.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace prep360 {
namespace {

// A square 100x100 view with a 90-degree field of view (fx = 50) looking along yaw `yaw_deg`.
ViewRays Square90(double yaw_deg) {
  return ViewRays(Pinhole::FromHfov(100, 100, 90), PanoFromCam(yaw_deg, 0, 0));
}

// The pano-frame direction at longitude `lon_deg` on the horizon.
Vec3 Horizon(double lon_deg) { return {std::sin(DegToRad(lon_deg)), 0, std::cos(DegToRad(lon_deg))}; }

TEST(ViewRaysTest, RayAndProjectAreInverse) {
  const ViewRays v = Square90(90);  // looks along +x
  EXPECT_NEAR(v.centre.x, 1, 1e-15);
  EXPECT_NEAR(v.centre.z, 0, 1e-15);
  const Vec3 mid = v.Ray(50, 50);
  EXPECT_NEAR(mid.x, 1, 1e-15);
  EXPECT_NEAR(mid.y, 0, 1e-15);
  EXPECT_NEAR(mid.z, 0, 1e-15);
  // The right edge of the image is 45 degrees further round: longitude 135.
  const Vec3 right = v.Ray(100, 50).Normalized();
  EXPECT_NEAR(right.x, Horizon(135).x, 1e-12);
  EXPECT_NEAR(right.z, Horizon(135).z, 1e-12);
  double x = 0, y = 0;
  ASSERT_TRUE(v.Project(v.Ray(12.5, 80), &x, &y));
  EXPECT_NEAR(x, 12.5, 1e-12);
  EXPECT_NEAR(y, 80, 1e-12);
  EXPECT_FALSE(v.Project({-1, 0, 0}, &x, &y));  // behind
}

TEST(ViewRaysTest, SeesItsImageEdgesIncluded) {
  const ViewRays v = Square90(0);
  EXPECT_TRUE(v.Sees({0, 0, 1}));
  EXPECT_TRUE(v.Sees({1, 1, 1}));       // the bottom-right corner exactly
  EXPECT_FALSE(v.Sees({1.01, 0, 1}));   // just right of the right edge
  EXPECT_FALSE(v.Sees({0, -1.01, 1}));  // just above the top edge
  EXPECT_FALSE(v.Sees({0, 0, -1}));     // behind
}

TEST(ViewRaysTest, NearestCentreAmongTheViewsThatSee) {
  // Views at yaw 0 and 90 with 120-degree fields of view overlap between yaw 30 and 60.
  const Pinhole wide = Pinhole::FromHfov(100, 100, 120);
  const std::vector<ViewRays> views = {ViewRays(wide, PanoFromCam(0, 0, 0)),
                                       ViewRays(wide, PanoFromCam(90, 0, 0))};
  EXPECT_TRUE(HasNearestCentre(views, 0, Horizon(40)));
  EXPECT_FALSE(HasNearestCentre(views, 1, Horizon(40)));
  EXPECT_FALSE(HasNearestCentre(views, 0, Horizon(50)));
  EXPECT_TRUE(HasNearestCentre(views, 1, Horizon(50)));
  // A nearer centre does not count when its view does not see the direction: a 10-degree view at
  // yaw 40 sees 35..45 only, so yaw 30 stays view 0's.
  const std::vector<ViewRays> narrow = {ViewRays(wide, PanoFromCam(0, 0, 0)),
                                        ViewRays(Pinhole::FromHfov(100, 100, 10), PanoFromCam(40, 0, 0))};
  EXPECT_TRUE(HasNearestCentre(narrow, 0, Horizon(30)));
  EXPECT_FALSE(HasNearestCentre(narrow, 0, Horizon(38)));
  // Equal centres: the lower index wins.
  const std::vector<ViewRays> same = {Square90(10), Square90(10)};
  EXPECT_TRUE(HasNearestCentre(same, 0, Horizon(10)));
  EXPECT_FALSE(HasNearestCentre(same, 1, Horizon(10)));
}

TEST(ViewRaysTest, CountsTheViewsThatSeeUpToALimit) {
  const std::vector<ViewRays> views = {Square90(0), Square90(30), Square90(60), Square90(180)};
  // Each view sees 45 degrees either side of its yaw on the horizon.
  EXPECT_EQ(CountViewsSeeing(views, Horizon(10), 10), 2);  // yaw 0 and 30
  EXPECT_EQ(CountViewsSeeing(views, Horizon(40), 10), 3);  // yaw 0, 30 and 60
  EXPECT_EQ(CountViewsSeeing(views, Horizon(40), 2), 2);
  EXPECT_EQ(CountViewsSeeing(views, Horizon(120), 10), 0);
  EXPECT_EQ(CountViewsSeeing(views, Horizon(-150), 10), 1);
}

}  // namespace
}  // namespace prep360
