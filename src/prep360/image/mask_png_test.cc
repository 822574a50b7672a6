#include "prep360/image/mask_png.h"

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"

namespace prep360 {
namespace {

Image Pattern(int w, int h, std::uint32_t on) {
  Image mask(w, h, 1, 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) mask.Set(x, y, 0, ((x * 7 + y * 3) % 11 < 4 || (x > w / 2 && y > h / 3)) ? on : 0);
  return mask;
}

void ExpectSame(const Image& a, const Image& b) {
  ASSERT_EQ(a.width(), b.width());
  ASSERT_EQ(a.height(), b.height());
  ASSERT_EQ(b.channels(), 1);
  ASSERT_EQ(b.bytes_per_sample(), 1);
  for (int y = 0; y < a.height(); ++y)
    for (int x = 0; x < a.width(); ++x) ASSERT_EQ(a.At(x, y, 0), b.At(x, y, 0)) << x << "," << y;
}

TEST(MaskPngTest, BinaryMaskIsA1BitPngThatReadsBackAs0And255) {
  for (const int w : {1, 7, 8, 9, 1923}) {  // widths around the byte boundary
    const Image mask = Pattern(w, 13, 255);
    const std::vector<std::uint8_t> png = EncodeMaskPng(mask);
    ASSERT_GT(png.size(), 33u);
    EXPECT_EQ(png[24], 1) << "bit depth";
    EXPECT_EQ(png[25], 0) << "greyscale";
    ExpectSame(mask, DecodeImage(png, "m.png"));
  }
}

TEST(MaskPngTest, OtherImagesFallBackToThe8BitPng) {
  const Image grey = Pattern(50, 20, 128);  // not 0/255
  const std::vector<std::uint8_t> png = EncodeMaskPng(grey);
  EXPECT_EQ(png[24], 8);
  ExpectSame(grey, DecodeImage(png, "m.png"));
  Image rgb(4, 4, 3, 1);
  rgb.Fill(255);
  EXPECT_EQ(DecodeImage(EncodeMaskPng(rgb), "m.png").channels(), 3);
}

}  // namespace
}  // namespace prep360
