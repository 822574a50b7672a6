#include "prep360/detect/nms.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(NmsTest, IoUGolden) {
  const NmsBox a{0, 0, 10, 10, 1, 0};
  const NmsBox b{1, 1, 11, 11, 1, 0};
  EXPECT_FLOAT_EQ(BoxIoU(a, b), 81.0f / 119.0f);
  EXPECT_FLOAT_EQ(BoxIoU(a, a), 1.0f);
  EXPECT_FLOAT_EQ(BoxIoU(a, NmsBox{10, 0, 20, 10, 1, 0}), 0.0f);  // touching edges
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
