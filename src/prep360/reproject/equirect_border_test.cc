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

// Filling for a row range equals the full fill on the rows it covers (and on the pole rows when
// the range reaches them), and leaves every other row as it was.
TEST(ReprojectBorderTest, RowRangeFillEqualsTheFullFillOnItsRows) {
  constexpr int kW = 16, kH = 12, kB = kEquirectBorder;
  Image full = Numbered(kW, kH, 3, 2, kB);
  FillEquirectBorder(full);
  for (const RowRange rows : {RowRange{0, kH}, RowRange{0, 5}, RowRange{3, 9}, RowRange{7, kH}, RowRange{4, 4}}) {
    SCOPED_TRACE(testing::Message() << "rows " << rows.begin << ".." << rows.end);
    Image part = Numbered(kW, kH, 3, 2, kB);
    // Mark every pixel of the border and of the rows outside the range.
    for (int y = -kB; y < kH + kB; ++y) {
      for (int x = -kB; x < kW + kB; ++x) {
        const bool kept = y >= rows.begin && y < rows.end && x >= 0 && x < kW;
        for (int c = 0; c < 3; ++c) {
          if (!kept) part.Set(x, y, c, 0xBEEF);
        }
      }
    }
    FillEquirectBorder(part, rows);
    for (int y = -kB; y < kH + kB; ++y) {
      const bool filled = (y >= rows.begin && y < rows.end) || (y < 0 && rows.begin == 0 && !rows.empty()) ||
                          (y >= kH && rows.end == kH && !rows.empty());
      for (int x = -kB; x < kW + kB; ++x) {
        for (int c = 0; c < 3; ++c) {
          ASSERT_EQ(part.At(x, y, c), filled ? full.At(x, y, c) : 0xBEEFu) << "pixel (" << x << ", " << y << ")";
        }
      }
    }
  }
  Image img = Numbered(kW, kH, 3, 1, kB);
  EXPECT_THROW(FillEquirectBorder(img, RowRange{-1, 4}), Error);
  EXPECT_THROW(FillEquirectBorder(img, RowRange{0, kH + 1}), Error);
}

}  // namespace
}  // namespace prep360
