// FillEquirectBorder: the border continues the sphere across the seam and over the poles.
#include <gtest/gtest.h>

#include "prep360/reproject/remap_table.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// A value unique to interior pixel (x, y) and channel c.
std::uint32_t Code(int x, int y, int c) { return static_cast<std::uint32_t>((y * 64 + x) * 4 + c); }

Image Numbered(int w, int h, int channels, int bytes_per_sample, int border) {
  Image img(w, h, channels, bytes_per_sample, border);
  const std::uint32_t mask = bytes_per_sample == 1 ? 0xFF : 0xFFFF;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < channels; ++c) img.Set(x, y, c, Code(x, y, c) & mask);
    }
  }
  return img;
}

// Where the sphere continues: (x, y) for any border position -> interior pixel.
void Continue(int w, int h, int x, int y, int* sx, int* sy) {
  if (y < 0) {
    y = -1 - y;
    x += w / 2;
  } else if (y >= h) {
    y = 2 * h - 1 - y;
    x += w / 2;
  }
  *sx = ((x % w) + w) % w;
  *sy = y;
}

void ExpectContinued(const Image& img) {
  const int w = img.width(), h = img.height(), b = img.border();
  for (int y = -b; y < h + b; ++y) {
    for (int x = -b; x < w + b; ++x) {
      int sx, sy;
      Continue(w, h, x, y, &sx, &sy);
      for (int c = 0; c < img.channels(); ++c) {
        ASSERT_EQ(img.At(x, y, c), img.At(sx, sy, c)) << "pixel (" << x << ", " << y << ") channel " << c;
      }
    }
  }
}

TEST(ReprojectBorderTest, WrapsColumnsAndMirrorsRowsOverThePoles) {
  Image img = Numbered(16, 8, 3, 2, kEquirectBorder);  // 16-bit: every code unique
  FillEquirectBorder(img);
  ExpectContinued(img);
  // Spot checks of the rule itself: the seam, and row -1 = row 0 half a turn around.
  EXPECT_EQ(img.At(-1, 3, 0), img.At(15, 3, 0));
  EXPECT_EQ(img.At(16, 3, 2), img.At(0, 3, 2));
  EXPECT_EQ(img.At(0, -1, 1), img.At(8, 0, 1));
  EXPECT_EQ(img.At(2, -3, 0), img.At(10, 2, 0));
  EXPECT_EQ(img.At(5, 8, 0), img.At(13, 7, 0));
  EXPECT_EQ(img.At(-2, -1, 0), img.At(6, 0, 0));  // corner: wrapped and mirrored
  EXPECT_EQ(img.At(17, 9, 1), img.At(9, 6, 1));
}

TEST(ReprojectBorderTest, WorksForEveryFormatAndBorder) {
  for (int channels : {1, 3, 4}) {
    for (int bps : {1, 2}) {
      for (int border : {1, 4, 6}) {
        SCOPED_TRACE(testing::Message() << channels << " ch, " << bps << " B, border " << border);
        Image img = Numbered(12, 6, channels, bps, border);
        FillEquirectBorder(img);
        ExpectContinued(img);
      }
    }
  }
}

TEST(ReprojectBorderTest, NoBorderIsANoOpAndTooWideABorderIsAnError) {
  Image plain = Numbered(8, 4, 3, 2, 0);
  FillEquirectBorder(plain);
  EXPECT_EQ(plain.At(3, 2, 1), Code(3, 2, 1));
  Image small(4, 2, 3, 1, kEquirectBorder);
  EXPECT_THROW(FillEquirectBorder(small), Error);
}

}  // namespace
}  // namespace prep360
