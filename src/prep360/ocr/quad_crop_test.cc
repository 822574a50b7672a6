#include "prep360/ocr/quad_crop.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

// Pixel (x, y) holds (x, y, x + y) so every crop can be traced back.
Image Coordinates(int width, int height) {
  Image image(width, height, 3, 1);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      image.Set(x, y, 0, static_cast<std::uint32_t>(x));
      image.Set(x, y, 1, static_cast<std::uint32_t>(y));
      image.Set(x, y, 2, static_cast<std::uint32_t>(x + y));
    }
  }
  return image;
}

TEST(QuadCrop, AnAxisAlignedQuadOnPixelEdgesIsTheSubImage) {
  const Image image = Coordinates(100, 60);
  const Image crop = CropQuad(image, {Point2{10, 20}, Point2{50, 20}, Point2{50, 35}, Point2{10, 35}});
  ASSERT_EQ(crop.width(), 40);
  ASSERT_EQ(crop.height(), 15);
  for (int y = 0; y < crop.height(); ++y) {
    for (int x = 0; x < crop.width(); ++x) {
      EXPECT_EQ(crop.At(x, y, 0), static_cast<std::uint32_t>(10 + x));
      EXPECT_EQ(crop.At(x, y, 1), static_cast<std::uint32_t>(20 + y));
    }
  }
}

TEST(QuadCrop, ATallCropIsTurnedCounterClockwise) {
  const Image image = Coordinates(100, 100);
  // 10 wide, 30 tall at (40, 20): turned 90° counter-clockwise, its top-right pixel becomes the top-left.
  const Image crop = CropQuad(image, {Point2{40, 20}, Point2{50, 20}, Point2{50, 50}, Point2{40, 50}});
  ASSERT_EQ(crop.width(), 30);
  ASSERT_EQ(crop.height(), 10);
  EXPECT_EQ(crop.At(0, 0, 0), 49u);
  EXPECT_EQ(crop.At(0, 0, 1), 20u);
  EXPECT_EQ(crop.At(29, 9, 0), 40u);
  EXPECT_EQ(crop.At(29, 9, 1), 49u);
}

TEST(QuadCrop, Rotate180ReversesRowsAndColumns) {
  const Image image = Coordinates(7, 5);
  const Image turned = Rotate180(image);
  ASSERT_EQ(turned.width(), 7);
  EXPECT_EQ(turned.At(0, 0, 0), 6u);
  EXPECT_EQ(turned.At(0, 0, 1), 4u);
  EXPECT_EQ(turned.At(6, 4, 0), 0u);
  EXPECT_EQ(turned.At(6, 4, 1), 0u);
}

}  // namespace
}  // namespace prep360
