#include "prep360/detect/letterbox.h"

#include <vector>

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(LetterboxTest, WideImageIntoSquareModelIsCentredVertically) {
  const Letterbox p = PlanLetterbox(1280, 720, 640, 640);
  EXPECT_EQ(p.resized_width, 640);
  EXPECT_EQ(p.resized_height, 360);
  EXPECT_EQ(p.pad_x, 0);
  EXPECT_EQ(p.pad_y, 140);
  EXPECT_DOUBLE_EQ(p.scale_x, 0.5);
  EXPECT_DOUBLE_EQ(p.scale_y, 0.5);
  EXPECT_DOUBLE_EQ(p.ToModelX(100), 50);
  EXPECT_DOUBLE_EQ(p.ToModelY(100), 190);
  EXPECT_DOUBLE_EQ(p.ToImageY(190), 100);
  EXPECT_DOUBLE_EQ(p.ToImageX(640), 1280);
  EXPECT_DOUBLE_EQ(p.ToImageY(140 + 360), 720);
}

TEST(LetterboxTest, OddPaddingPutsTheSmallerHalfFirst) {
  // 100x67 -> 640x429 (rounded), 211 rows of padding: 105 on top, 106 below (ultralytics).
  const Letterbox p = PlanLetterbox(100, 67, 640, 640);
  EXPECT_EQ(p.resized_width, 640);
  EXPECT_EQ(p.resized_height, 429);
  EXPECT_EQ(p.pad_y, 105);
  EXPECT_DOUBLE_EQ(p.scale_y, 429.0 / 67.0);
  EXPECT_NEAR(p.ToImageY(p.ToModelY(33.3)), 33.3, 1e-9);
}

TEST(LetterboxTest, DynamicTargetIsTheSmallestStrideMultiple) {
  const Letterbox p = PlanDynamicLetterbox(1280, 720, 640, 32);
  EXPECT_EQ(p.resized_width, 640);
  EXPECT_EQ(p.resized_height, 360);
  EXPECT_EQ(p.target_width, 640);
  EXPECT_EQ(p.target_height, 384);
  EXPECT_EQ(p.pad_x, 0);
  EXPECT_EQ(p.pad_y, 12);
  const Letterbox tall = PlanDynamicLetterbox(500, 1000, 320, 32);
  EXPECT_EQ(tall.resized_width, 160);
  EXPECT_EQ(tall.resized_height, 320);
  EXPECT_EQ(tall.target_width, 160);
  EXPECT_EQ(tall.target_height, 320);
}

TEST(LetterboxTest, CentreInLargerTargetKeepsScale) {
  const Letterbox p = CentreInTarget(PlanDynamicLetterbox(1280, 720, 640, 32), 640, 640);
  EXPECT_EQ(p.pad_y, 140);
  EXPECT_DOUBLE_EQ(p.scale_y, 0.5);
  EXPECT_THROW(CentreInTarget(p, 320, 320), std::exception);
}

TEST(LetterboxTest, FillsPadAndNormalisesPixels) {
  Image image(4, 2, 3, 1);
  image.Fill(200);
  for (int x = 0; x < 4; ++x) image.Set(x, 0, 2, 0);  // top row: no blue
  const Letterbox p = PlanLetterbox(4, 2, 4, 4);
  ASSERT_EQ(p.pad_y, 1);
  std::vector<float> chw(3 * 16, -1.0f);
  LetterboxImage(image, p, chw.data());
  for (int c = 0; c < 3; ++c) {
    for (int x = 0; x < 4; ++x) {
      EXPECT_FLOAT_EQ(chw[c * 16 + 0 * 4 + x], kLetterboxPadValue);
      EXPECT_FLOAT_EQ(chw[c * 16 + 3 * 4 + x], kLetterboxPadValue);
      EXPECT_FLOAT_EQ(chw[c * 16 + 2 * 4 + x], 200.0f / 255.0f);
    }
  }
  EXPECT_FLOAT_EQ(chw[0 * 16 + 1 * 4 + 1], 200.0f / 255.0f);  // red, row 1
  EXPECT_FLOAT_EQ(chw[2 * 16 + 1 * 4 + 1], 0.0f);             // blue, row 1
}

TEST(LetterboxTest, BilinearHalvingAveragesPairs) {
  Image image(4, 1, 1, 1);
  const int values[] = {0, 100, 200, 50};
  for (int x = 0; x < 4; ++x) image.Set(x, 0, 0, static_cast<std::uint32_t>(values[x]));
  const Letterbox p = PlanLetterbox(4, 1, 2, 1);
  ASSERT_EQ(p.resized_width, 2);
  ASSERT_EQ(p.resized_height, 1);  // 0.5 rounds to 1 (at least one row)
  std::vector<float> chw(3 * 2);
  LetterboxImage(image, p, chw.data());
  for (int c = 0; c < 3; ++c) {  // grey is copied to R, G and B
    EXPECT_NEAR(chw[c * 2 + 0], 50.0f / 255.0f, 1e-6);
    EXPECT_NEAR(chw[c * 2 + 1], 125.0f / 255.0f, 1e-6);
  }
}

TEST(LetterboxTest, SixteenBitAndAlpha) {
  Image image(2, 2, 4, 2);
  image.Fill(65535);
  for (int y = 0; y < 2; ++y)
    for (int x = 0; x < 2; ++x) image.Set(x, y, 3, 0);  // transparent: alpha is ignored
  const Letterbox p = PlanLetterbox(2, 2, 2, 2);
  std::vector<float> chw(3 * 4);
  LetterboxImage(image, p, chw.data());
  for (float v : chw) EXPECT_FLOAT_EQ(v, 1.0f);
}

}  // namespace
}  // namespace prep360
