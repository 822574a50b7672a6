#include "prep360/ocr/db_postprocess.h"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

namespace prep360 {
namespace {

struct Map {
  int width, height;
  std::vector<float> p;
  Map(int w, int h) : width(w), height(h), p(static_cast<std::size_t>(w * h), 0.0f) {}
  void Fill(int x0, int y0, int x1, int y1, float v) {  // inclusive pixel ranges
    for (int y = y0; y <= y1; ++y) {
      for (int x = x0; x <= x1; ++x) p[static_cast<std::size_t>(y * width + x)] = v;
    }
  }
};

TEST(DbPostprocess, KeepsConfidentRegionsAndUnclipsThem) {
  Map map(200, 100);
  map.Fill(20, 10, 120, 20, 0.9f);   // a 101 x 11 pixel kernel: rectangle of centres 100 x 10
  map.Fill(30, 60, 80, 70, 0.45f);   // above threshold, but its mean is below box_threshold
  map.Fill(150, 80, 151, 81, 0.95f); // too small
  const std::vector<DbBox> boxes = DbBoxes(map.p.data(), map.width, map.height, DbOptions{});
  ASSERT_EQ(boxes.size(), 1u);
  const double d = 100.0 * 10 * 1.5 / 220;
  EXPECT_NEAR(boxes[0].score, 0.9f, 1e-5);
  EXPECT_NEAR(boxes[0].quad[0].x, 20 - d, 1e-6);
  EXPECT_NEAR(boxes[0].quad[0].y, 10 - d, 1e-6);
  EXPECT_NEAR(boxes[0].quad[2].x, 120 + d, 1e-6);
  EXPECT_NEAR(boxes[0].quad[2].y, 20 + d, 1e-6);
}

TEST(DbPostprocess, DiagonalNeighboursAreOneRegionAndSeparateRegionsAreNot) {
  Map map(100, 100);
  map.Fill(10, 10, 30, 20, 0.8f);
  map.Fill(31, 21, 50, 30, 0.8f);  // touches the first only at a corner: 8-connected, one region
  map.Fill(60, 60, 90, 70, 0.8f);
  DbOptions any_score;  // the L-shaped region's rectangle is half empty: keep it anyway
  any_score.box_threshold = 0;
  EXPECT_EQ(DbBoxes(map.p.data(), map.width, map.height, any_score).size(), 2u);
  DbOptions one = any_score;
  one.max_candidates = 1;
  EXPECT_EQ(DbBoxes(map.p.data(), map.width, map.height, one).size(), 1u);
}

TEST(DbPostprocess, ACurvedLineKeepsItsRegionScoreButNotItsRectangleScore) {
  // A thin line that bends: its rectangle is mostly empty, its own pixels are all confident.
  Map map(200, 60);
  for (int x = 10; x < 190; ++x) {
    const int y = 20 + static_cast<int>(std::lround(15 * std::sin((x - 10) * 3.14159265358979 / 180)));
    map.Fill(x, y, x, y + 3, 0.9f);
  }
  const std::vector<DbBox> region = DbBoxes(map.p.data(), map.width, map.height, DbOptions{});
  ASSERT_EQ(region.size(), 1u);
  EXPECT_NEAR(region[0].score, 0.9f, 1e-5);
  DbOptions fast;
  fast.region_score = false;
  EXPECT_TRUE(DbBoxes(map.p.data(), map.width, map.height, fast).empty());
}

TEST(DbPostprocess, EmptyMapGivesNoBoxes) {
  Map map(64, 32);
  EXPECT_TRUE(DbBoxes(map.p.data(), map.width, map.height, DbOptions{}).empty());
}

}  // namespace
}  // namespace prep360
