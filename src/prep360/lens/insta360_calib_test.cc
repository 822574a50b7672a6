// The Insta360 trailer's lens calibration string, parsed into the lens model.
#include "prep360/lens/insta360_calib.h"

#include <gtest/gtest.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

// A real X5 string (Insta360 Desktop-CameraSDK-Cpp issue #85).
constexpr const char* kX5 =
    "2_2657.621_2684.250_2687.750_-0.259_-0.011_89.729_2651.033_8066.330_2692.030_0.247_-0.221_89.754_10752_5376_1137";

TEST(Insta360Calib, ParsesBothLensesAsOffsetsFromTheDefaultConvention) {
  const DualFisheyeCalib c = ParseInsta360Offset(kX5, 195, "VID_00_1.insv");
  EXPECT_EQ(c.width, 10752);
  EXPECT_EQ(c.height, 5376);
  EXPECT_EQ(c.origin, "insta360 trailer");
  EXPECT_DOUBLE_EQ(c.lenses[0].radius, 2657.621);
  EXPECT_DOUBLE_EQ(c.lenses[0].cx, 2684.25);
  EXPECT_DOUBLE_EQ(c.lenses[0].cy, 2687.75);
  EXPECT_DOUBLE_EQ(c.lenses[0].yaw_deg, -0.259);
  EXPECT_DOUBLE_EQ(c.lenses[0].pitch_deg, -0.011);
  EXPECT_DOUBLE_EQ(c.lenses[0].roll_deg, 89.729);
  EXPECT_DOUBLE_EQ(c.lenses[0].fov_deg, 195);
  EXPECT_DOUBLE_EQ(c.lenses[1].radius, 2651.033);
  EXPECT_DOUBLE_EQ(c.lenses[1].cx, 8066.33);
  EXPECT_DOUBLE_EQ(c.lenses[1].yaw_deg, 180.247);
  EXPECT_DOUBLE_EQ(c.lenses[1].pitch_deg, -0.221);
  EXPECT_DOUBLE_EQ(c.lenses[1].roll_deg, 89.754);
}

TEST(Insta360Calib, RejectsStringsThatAreNotTwoLenses) {
  try {
    ParseInsta360Offset("1_2657.6_2684.2_2687.7_0_0_0_5376_5376_1", 190, "a.insv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "a.insv: Insta360 lens calibration: not two lenses of six values and a frame size");
  }
  try {
    ParseInsta360Offset("2_1_2_x_4", 190, "b.insv");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "b.insv: Insta360 lens calibration: 'x' is not a number");
  }
  EXPECT_THROW(ParseInsta360Offset("2_0_1_1_0_0_0_1_1_1_0_0_0_100_50_0", 190, "c.insv"), Error);  // radius 0
}

}  // namespace
}  // namespace prep360
