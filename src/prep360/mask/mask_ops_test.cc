#include "prep360/mask/mask_ops.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <vector>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

Image Blank(int w, int h) {
  Image m(w, h, 1, 1);
  m.Fill(0);
  return m;
}

// Brute force: (x, y) set iff some set pixel lies within radius r.
Image BruteDilate(const Image& in, int r) {
  Image out = Blank(in.width(), in.height());
  for (int y = 0; y < in.height(); ++y) {
    for (int x = 0; x < in.width(); ++x) {
      if (in.At(x, y, 0) == 0) continue;
      for (int dy = -r; dy <= r; ++dy) {
        for (int dx = -r; dx <= r; ++dx) {
          const int xx = x + dx, yy = y + dy;
          if (dx * dx + dy * dy > r * r || xx < 0 || yy < 0 || xx >= in.width() || yy >= in.height()) continue;
          out.Set(xx, yy, 0, 255);
        }
      }
    }
  }
  return out;
}

void ExpectEqual(const Image& a, const Image& b) {
  ASSERT_EQ(a.width(), b.width());
  ASSERT_EQ(a.height(), b.height());
  int diff = 0;
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) diff += a.At(x, y, 0) != b.At(x, y, 0) ? 1 : 0;
  }
  EXPECT_EQ(diff, 0);
}

TEST(MaskOpsTest, SinglePixelDilatesToTheExactDisk) {
  for (int r : {1, 2, 3, 5, 7, 10, 25, 50}) {
    const int size = 2 * r + 9, c = r + 4;
    Image m = Blank(size, size);
    m.Set(c, c, 0, 255);
    DilateMask(m, r);
    for (int y = 0; y < size; ++y) {
      for (int x = 0; x < size; ++x) {
        const int dx = x - c, dy = y - c;
        const std::uint32_t expected = dx * dx + dy * dy <= r * r ? 255 : 0;
        ASSERT_EQ(m.At(x, y, 0), expected) << "r " << r << " at " << dx << "," << dy;
      }
    }
  }
}

TEST(MaskOpsTest, KnownDiskAreas) {
  // Lattice points in the disk x^2 + y^2 <= r^2 (OEIS A000328): r = 1, 2, 3, 10.
  const std::vector<std::pair<int, std::int64_t>> known = {{1, 5}, {2, 13}, {3, 29}, {10, 317}};
  for (const auto& [r, count] : known) {
    Image m = Blank(64, 64);
    m.Set(32, 32, 0, 1);  // any nonzero value is set
    DilateMask(m, r);
    EXPECT_EQ(CountSet(m), count) << r;
  }
}

TEST(MaskOpsTest, DiskIsClippedAtTheBorders) {
  for (int r : {3, 12}) {
    Image m = Blank(40, 30);
    m.Set(0, 0, 0, 255);
    m.Set(39, 29, 0, 255);
    m.Set(39, 0, 0, 255);
    ExpectEqual([&] { Image d = m.Clone(); DilateMask(d, r); return d; }(), BruteDilate(m, r));
  }
}

TEST(MaskOpsTest, RadiusZeroChangesNothingAndNegativeIsAnError) {
  Image m = Blank(8, 8);
  m.Set(3, 4, 0, 7);
  DilateMask(m, 0);
  EXPECT_EQ(m.At(3, 4, 0), 7u);
  EXPECT_EQ(CountSet(m), 1);
  EXPECT_THROW(DilateMask(m, -1), Error);
  Image rgb(4, 4, 3, 1);
  EXPECT_THROW(DilateMask(rgb, 1), Error);
}

TEST(MaskOpsTest, MatchesBruteForceOnRandomMasks) {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 12; ++trial) {
    const int w = 20 + trial * 3, h = 15 + trial * 2;
    Image m = Blank(w, h);
    std::uniform_int_distribution<int> px(0, w - 1), py(0, h - 1);
    for (int k = 0; k < 1 + trial; ++k) m.Set(px(rng), py(rng), 0, 255);
    const int r = trial % 6 + 1;
    Image d = m.Clone();
    DilateMask(d, r);
    ExpectEqual(d, BruteDilate(m, r));
  }
}

TEST(MaskOpsTest, RadiusLargerThanTheImageFillsIt) {
  Image m = Blank(10, 6);
  m.Set(2, 2, 0, 255);
  DilateMask(m, 100);
  EXPECT_EQ(CountSet(m), 60);
  Image empty = Blank(10, 6);
  DilateMask(empty, 100);
  EXPECT_EQ(CountSet(empty), 0);
}

TEST(MaskOpsTest, InvertUnionCountAndIoU) {
  Image a = Blank(4, 2), b = Blank(4, 2);
  a.Set(0, 0, 0, 255);
  a.Set(1, 0, 0, 255);
  b.Set(1, 0, 0, 9);
  b.Set(2, 1, 0, 255);
  EXPECT_EQ(CountSet(a), 2);
  EXPECT_DOUBLE_EQ(MaskIoU(a, b), 1.0 / 3.0);
  EXPECT_DOUBLE_EQ(MaskIoU(Blank(3, 3), Blank(3, 3)), 1.0);
  Image u = a.Clone();
  UnionMask(u, b);
  EXPECT_EQ(CountSet(u), 3);
  EXPECT_EQ(u.At(1, 0, 0), 255u);
  EXPECT_EQ(u.At(2, 1, 0), 255u);
  InvertMask(u);
  EXPECT_EQ(CountSet(u), 5);
  EXPECT_EQ(u.At(0, 0, 0), 0u);
  EXPECT_EQ(u.At(3, 0, 0), 255u);
  Image other = Blank(5, 2);
  EXPECT_THROW(UnionMask(u, other), Error);
  EXPECT_THROW(MaskIoU(u, other), Error);
}

}  // namespace
}  // namespace prep360
