#include "prep360/detect/detection_rig.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "prep360/detect/sphere_objects.h"

namespace prep360 {
namespace {

// Unit vectors perpendicular to d.
void Basis(const Vec3& d, Vec3* u, Vec3* v) {
  const Vec3 a = std::abs(d.y) < 0.9 ? Vec3{0, 1, 0} : Vec3{1, 0, 0};
  *u = Vec3{d.y * a.z - d.z * a.y, d.z * a.x - d.x * a.z, d.x * a.y - d.y * a.x}.Normalized();
  *v = Vec3{d.y * u->z - d.z * u->y, d.z * u->x - d.x * u->z, d.x * u->y - d.y * u->x};
}

// Whether the cap of radius r around d is whole in the view (its rim, 32 points, projects inside).
bool CapWhole(const ViewRays& view, const Vec3& d, double r) {
  Vec3 u, v;
  Basis(d, &u, &v);
  for (int i = 0; i < 32; ++i) {
    const double t = 2 * std::numbers::pi * i / 32;
    const Vec3 p = d * std::cos(r) + (u * std::cos(t) + v * std::sin(t)) * std::sin(r);
    if (!view.Sees(p)) return false;
  }
  return true;
}

// Whether every direction of a 2000-point Fibonacci lattice has its cap of radius r whole in
// some view; returns how many do not.
int Missed(const DetectionViews& views, double r) {
  const int n = 2000;
  int missed = 0;
  for (int i = 0; i < n; ++i) {
    const double z = 1 - 2 * (i + 0.5) / n, phi = i * std::numbers::pi * (3 - std::sqrt(5.0));
    const Vec3 d{std::sqrt(1 - z * z) * std::cos(phi), z, std::sqrt(1 - z * z) * std::sin(phi)};
    bool whole = false;
    for (std::size_t k = 0; k < views.size() && !whole; ++k) whole = CapWhole(views.rays(k), d, r);
    missed += whole ? 0 : 1;
  }
  return missed;
}

TEST(DetectionRigTest, EveryObjectUpTo19DegreesIsWholeInSomeView) {
  const DetectionViews views(128, nullptr);
  ASSERT_EQ(views.size(), 22u);
  EXPECT_EQ(views.rig().views[0].width, 128);
  EXPECT_EQ(Missed(views, DegToRad(9.5)), 0);
  // The limit is real: caps of 24 degrees are cut by every view at some directions (26 of 2000).
  EXPECT_GT(Missed(views, DegToRad(12)), 0);
}

TEST(DetectionRigTest, ViewSizeMatchesTheOutputFocalLength) {
  // 75 degrees at 500 px per radian: 2 * 500 * tan(37.5 deg) = 767.3 -> 768.
  EXPECT_EQ(DetectionViewSizeFor(500), 768);
  EXPECT_EQ(DetectionViewSizeFor(1), 64);
}

TEST(SphereObjectsTest, TheSameBoxSeenByTwoViewsIsOneObjectShownInBoth) {
  const DetectionViews views(400, nullptr);
  // det0 looks at yaw -180, det1 at yaw -135: a box around yaw -157.5 lies in both.
  const Vec3 target = views.rig().views[0].PanoFromCam() * Vec3{std::sin(DegToRad(22.5)), 0, std::cos(DegToRad(22.5))};
  std::vector<SphereObject> objects;
  for (std::size_t k : {std::size_t{0}, std::size_t{1}}) {
    double x = 0, y = 0;
    ASSERT_TRUE(views.rays(k).Project(target, &x, &y));
    const LabelledBox box{"face", k == 0 ? 0.9f : 0.95f, static_cast<float>(x - 20), static_cast<float>(y - 25),
                          static_cast<float>(x + 20), static_cast<float>(y + 25)};
    objects.push_back(LiftBox(box, views.rays(k), !views.TouchesEdge(k, box.x0, box.y0, box.x1, box.y1)));
  }
  // A different class at the same place stays.
  objects.push_back(objects[0]);
  objects.back().label = "person";
  const std::vector<SphereObject> merged = MergeSphereObjects(objects);
  ASSERT_EQ(merged.size(), 2u);
  EXPECT_EQ(merged[0].label, "face");
  EXPECT_FLOAT_EQ(merged[0].score, 0.95f);
  EXPECT_NEAR(merged[0].centre.Dot(target), 1.0, 1e-6);
  float box[4];
  for (std::size_t k : {std::size_t{0}, std::size_t{1}}) {
    ASSERT_TRUE(ObjectBoxInView(merged[0], views.rays(k), box));
    double x = 0, y = 0;
    views.rays(k).Project(target, &x, &y);
    // Seen from the other view the box's outline is a slanted quadrilateral: its bounding box
    // centre moves by about a pixel.
    EXPECT_NEAR(0.5 * (box[0] + box[2]), x, 2.0);
    EXPECT_NEAR(0.5 * (box[1] + box[3]), y, 2.0);
  }
  EXPECT_FALSE(ObjectBoxInView(merged[0], views.rays(4), box)) << "det4 looks the other way (yaw 0)";
}

TEST(SphereObjectsTest, APartOfALineBesideTheWholeLineIsDropped) {
  const DetectionViews views(400, nullptr);
  const LabelledBox whole{"EXIT-42B", 0.9f, 150, 190, 250, 210};
  const LabelledBox part{"EXIT-", 0.95f, 150, 190, 200, 210};
  const std::vector<SphereObject> merged =
      MergeSphereObjects({LiftBox(part, views.rays(0), false), LiftBox(whole, views.rays(0), true)});
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0].label, "EXIT-42B");
}

}  // namespace
}  // namespace prep360
