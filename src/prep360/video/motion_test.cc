#include "prep360/video/motion.h"

#include <gtest/gtest.h>

#include <random>

#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::GreyOf;

LumaThumbnail SceneAtYaw(double yaw_deg, int width = 512) {
  testkit::SyntheticVideoOptions o;
  o.width = width;
  o.height = width / 2;
  o.yaw_deg = [yaw_deg](int) { return yaw_deg; };
  return GreyOf(testkit::RenderSyntheticFrame(o, 0));
}

TEST(MotionTest, IdenticalFramesHaveNoMotion) {
  const LumaThumbnail a = SceneAtYaw(0);
  EXPECT_DOUBLE_EQ(Motion(a, a), 0.0);
}

TEST(MotionTest, YawTurnIsMeasuredInDegrees) {
  const LumaThumbnail a = SceneAtYaw(0);
  // Shifts are whole pixels of the 512-wide render: 0.703125 degrees each.
  for (int px : {1, 3, 8, 20, -12, 50}) {
    const double deg = px * 360.0 / 512;
    EXPECT_NEAR(Motion(a, SceneAtYaw(deg)), std::abs(deg), 0.2) << px << " px";
  }
  // Across the seam and on a narrower thumbnail (1.40625 degrees per pixel).
  EXPECT_NEAR(Motion(SceneAtYaw(0, 256), SceneAtYaw(-4 * 1.40625, 256)), 4 * 1.40625, 0.3);
}

TEST(MotionTest, NoiseAloneStaysNearZero) {
  const LumaThumbnail a = SceneAtYaw(0);
  LumaThumbnail b = a;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> noise(-3, 3);
  for (auto& p : b.pixels) p = static_cast<std::uint8_t>(std::clamp(p + noise(rng), 0, 255));
  EXPECT_LT(Motion(a, b), 0.3);
}

TEST(MotionTest, FlatFramesAndSizeMismatch) {
  LumaThumbnail flat{512, 256, std::vector<std::uint8_t>(512 * 256, 90)};
  EXPECT_DOUBLE_EQ(Motion(flat, flat), 0.0);
  EXPECT_THROW(Motion(flat, SceneAtYaw(0, 256)), Error);
}

}  // namespace
}  // namespace prep360
