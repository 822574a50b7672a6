#include "prep360/detect/nms.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace prep360 {
namespace {

TEST(NmsTest, IoUGolden) {
  const NmsBox a{0, 0, 10, 10, 1, 0};
  const NmsBox b{1, 1, 11, 11, 1, 0};
  EXPECT_FLOAT_EQ(BoxIoU(a, b), 81.0f / 119.0f);
  EXPECT_FLOAT_EQ(BoxIoU(a, a), 1.0f);
  EXPECT_FLOAT_EQ(BoxIoU(a, NmsBox{10, 0, 20, 10, 1, 0}), 0.0f);  // touching edges
}

// Found by fuzz/yolo_postprocess_fuzzer: std::min/max drop a NaN on one side only, so a box with NaN
// corners had an IoU of 10.7 with a thin box (and could suppress it); NaN scores broke the sort order.
TEST(NmsTest, NonFiniteBoxesAndScores) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  const NmsBox thin{3.5e-43f, -1.6e29f, 1.2e-30f, 2.2e20f, 1, 0};
  EXPECT_EQ(BoxIoU(thin, NmsBox{1e-31f, nan, nan, nan, 1, 0}), 0.0f);
  EXPECT_EQ(BoxIoU(NmsBox{0, 0, inf, 10, 1, 0}, NmsBox{0, 0, 10, 10, 1, 0}), 0.0f);
  const std::vector<NmsBox> boxes = {
      {0, 0, 10, 10, nan, 0}, {20, 0, 30, 10, 0.5f, 0}, {40, 0, 50, 10, nan, 0}, {60, 0, 70, 10, 0.9f, 0}};
  EXPECT_EQ(ClassAwareNms(boxes, 0.5f), (std::vector<std::size_t>{3, 1, 0, 2}));
}

TEST(NmsTest, SuppressesSameClassOverlapsByScore) {
  const std::vector<NmsBox> boxes = {
      {1, 1, 11, 11, 0.8f, 0},      // 0: overlaps 1 with IoU 0.68
      {0, 0, 10, 10, 0.9f, 0},      // 1: best
      {1, 1, 11, 11, 0.7f, 1},      // 2: other class, kept
      {50, 50, 60, 60, 0.3f, 0},    // 3: far away, kept
  };
  EXPECT_EQ(ClassAwareNms(boxes, 0.5f), (std::vector<std::size_t>{1, 2, 3}));
  EXPECT_EQ(ClassAwareNms(boxes, 0.7f), (std::vector<std::size_t>{1, 0, 2, 3}));
  EXPECT_EQ(ClassAwareNms(boxes, 0.5f, 2), (std::vector<std::size_t>{1, 2}));
  EXPECT_TRUE(ClassAwareNms({}, 0.5f).empty());
}

TEST(NmsTest, ChainIsNotTransitive) {
  // b overlaps a and c; a suppresses b, so c (which overlaps only b) survives.
  const std::vector<NmsBox> boxes = {{0, 0, 10, 10, 0.9f, 0}, {5, 0, 15, 10, 0.8f, 0}, {10, 0, 20, 10, 0.7f, 0}};
  EXPECT_EQ(ClassAwareNms(boxes, 0.3f), (std::vector<std::size_t>{0, 2}));
}

}  // namespace
}  // namespace prep360
