#include "prep360/image/image.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace prep360 {
namespace {

TEST(ImageTest, LayoutWithBorder) {
  Image image(10, 4, 3, 2, 2);
  EXPECT_EQ(image.width(), 10);
  EXPECT_EQ(image.height(), 4);
  EXPECT_EQ(image.bit_depth(), 16);
  EXPECT_EQ(image.bytes_per_pixel(), 6u);
  EXPECT_EQ(image.stride(), 14u * 6u);
  EXPECT_EQ(image.stride_pixels(), 14u);
  EXPECT_EQ(image.PixelPtr(-2, -2) + 2 * image.stride() + 2 * 6, image.Row(0));
  image.Set(-2, -2, 0, 0xBEEF);
  image.Set(11, 5, 2, 0x1234);
  EXPECT_EQ(image.At(-2, -2, 0), 0xBEEFu);
  EXPECT_EQ(image.At(11, 5, 2), 0x1234u);
}

TEST(ImageTest, RejectsBadFormats) {
  EXPECT_THROW(Image(0, 4, 3, 1), std::invalid_argument);
  EXPECT_THROW(Image(4, 4, 2, 1), std::invalid_argument);
  EXPECT_THROW(Image(4, 4, 3, 3), std::invalid_argument);
  EXPECT_THROW(Image(4, 4, 3, 1, -1), std::invalid_argument);
}

TEST(ImageTest, CloneCopiesPixelsAndBorder) {
  Image image(3, 2, 1, 1, 1);
  image.Fill(7);
  image.Set(-1, -1, 0, 9);
  const Image copy = image.Clone();
  EXPECT_EQ(copy.At(2, 1, 0), 7u);
  EXPECT_EQ(copy.At(-1, -1, 0), 9u);
  EXPECT_NE(copy.Row(0), image.Row(0));
}

TEST(ImageTest, MoveLeavesSourceEmpty) {
  Image a(4, 4, 3, 1);
  std::uint8_t* row = a.Row(0);
  Image b = std::move(a);
  EXPECT_EQ(b.Row(0), row);
  Image c;
  c = std::move(b);
  EXPECT_EQ(c.Row(0), row);
  EXPECT_EQ(c.width(), 4);
}

TEST(ImageTest, LargeBuffersAreReusedForTheSameSize) {
  // 2048 x 2048 RGB = 12 MiB: above the pool's threshold.
  const std::uint8_t* first = nullptr;
  {
    Image a(2048, 2048, 3, 1);
    first = a.Row(0);
    a.Set(5, 5, 0, 42);
  }
  Image b(2048, 2048, 3, 1);
  EXPECT_EQ(b.Row(0), first);
  // Two live images of that size never share memory.
  Image c(2048, 2048, 3, 1);
  EXPECT_NE(c.Row(0), b.Row(0));
}

}  // namespace
}  // namespace prep360

namespace prep360 {
namespace {

TEST(ImageFillTest, SetsEverySampleOfEveryRowAndLeavesTheBorder) {
  Image im(37, 5, 3, 2, 2);
  im.Fill(0);
  im.Fill(513);
  for (int y = 0; y < 5; ++y) {
    for (int x = 0; x < 37; ++x) {
      for (int c = 0; c < 3; ++c) ASSERT_EQ(im.At(x, y, c), 513u) << x << "," << y;
    }
  }
  Image gray(4, 3, 1, 1);
  gray.Fill(200);
  EXPECT_EQ(gray.At(3, 2, 0), 200u);
}

}  // namespace
}  // namespace prep360
