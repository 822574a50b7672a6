#include "prep360/detect/weighted_nms.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(WeightedNms, OverlappingBoxesBecomeTheirScoreWeightedMean) {
  // Two boxes overlapping by IoU 81/119 (> 0.3) and one far away.
  const std::vector<NmsBox> boxes = {{0, 0, 10, 10, 0.5f, 0}, {1, 1, 11, 11, 1.0f, 0}, {50, 50, 60, 60, 0.7f, 0}};
  const std::vector<NmsBox> out = WeightedNms(boxes, 0.3f);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_FLOAT_EQ(out[0].score, 1.0f);
  EXPECT_NEAR(out[0].x0, (0 * 0.5 + 1 * 1.0) / 1.5, 1e-5);
  EXPECT_NEAR(out[0].x1, (10 * 0.5 + 11 * 1.0) / 1.5, 1e-5);
  EXPECT_FLOAT_EQ(out[1].x0, 50.0f);
  EXPECT_FLOAT_EQ(out[1].score, 0.7f);
}

TEST(WeightedNms, BelowTheThresholdNothingMerges) {
  // IoU of these two is 25/175 ~ 0.14.
  const std::vector<NmsBox> boxes = {{0, 0, 10, 10, 0.9f, 0}, {5, 5, 15, 15, 0.8f, 0}};
  EXPECT_EQ(WeightedNms(boxes, 0.3f).size(), 2u);
  EXPECT_EQ(WeightedNms(boxes, 0.1f).size(), 1u);
  EXPECT_TRUE(WeightedNms({}, 0.3f).empty());
}

}  // namespace
}  // namespace prep360
