#include "prep360/sfm/rig_consistency.h"

#include <gtest/gtest.h>

#include "prep360/export/frame_poses.h"
#include "prep360/rig/presets.h"

namespace prep360 {
namespace {

// A model of two frames of the rig, every view posed exactly by the rig, then one view turned.
struct Fixture {
  DatasetContents d;
  ColmapModel model;
  Fixture() {
    d.rig = WithSize(MakePreset("cube6"), 200, 200);
    d.frames = {"f1", "f2"};
    const Mat3 pano_from_world[2] = {RotY(0.7) * RotX(0.1), RotZ(-0.3) * RotY(2.0)};
    const Vec3 centres[2] = {{0, 0, 0}, {1, 0.5, -2}};
    std::uint32_t id = 1;
    for (int f = 0; f < 2; ++f) {
      for (const View& v : d.rig.views) {
        ColmapImage im;
        im.id = id++;
        const Mat3 r = v.CamFromPano() * pano_from_world[f];
        im.q = QuaternionFromMatrix(r);
        im.t = r * centres[f] * -1.0;
        im.name = d.ImageName(v.name, d.frames[f]);
        model.images[im.id] = im;
      }
    }
  }
};

TEST(RigConsistencyTest, ExactRigGivesZeroAndATurnedViewItsAngle) {
  Fixture fx;
  RigConsistency c = CheckRigConsistency(fx.model, fx.d);
  ASSERT_EQ(c.frames.size(), 2u);
  EXPECT_EQ(c.compared, 10);
  EXPECT_LT(c.max_deg, 1e-6);
  // Turn view 3 of frame 2 by 0.2 degrees about its optical axis.
  ColmapImage& im = fx.model.images.at(6 + 4);
  im.q = QuaternionFromMatrix(RotZ(DegToRad(0.2)) * im.CamFromWorld());
  c = CheckRigConsistency(fx.model, fx.d);
  EXPECT_LT(c.frames[0].max_deg, 1e-6);
  EXPECT_NEAR(c.frames[1].max_deg, 0.2, 1e-9);
  EXPECT_LT(c.frames[1].median_deg, 1e-6);
  EXPECT_NEAR(c.max_deg, 0.2, 1e-9);
}

TEST(RigConsistencyTest, UnregisteredViewsAreSkipped) {
  Fixture fx;
  for (std::uint32_t id = 7; id <= 11; ++id) fx.model.images.erase(id);  // frame 2 keeps one view
  const RigConsistency c = CheckRigConsistency(fx.model, fx.d);
  ASSERT_EQ(c.frames.size(), 1u);
  EXPECT_EQ(c.frames[0].frame, "f1");
  EXPECT_EQ(c.frames[0].views, 6);
}

TEST(FramePosesTest, FramePoseIsThePanoramasOrientationAndCentre) {
  Fixture fx;
  const auto poses = FramePosesFromModel(fx.model, fx.d);
  ASSERT_EQ(poses.size(), 2u);
  ASSERT_TRUE(poses[1]);
  EXPECT_LT(RotationAngleDeg(poses[1]->pano_from_world, RotZ(-0.3) * RotY(2.0)), 1e-6);
  EXPECT_NEAR(poses[1]->centre.x, 1, 1e-12);
  EXPECT_NEAR(poses[1]->centre.z, -2, 1e-12);
  EXPECT_EQ(poses[1]->registered, 6);
  EXPECT_NEAR(RotationAngleDeg(RotX(DegToRad(0.01)), Mat3::Identity()), 0.01, 1e-12);
}

}  // namespace
}  // namespace prep360
