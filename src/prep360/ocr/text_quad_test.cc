#include "prep360/ocr/text_quad.h"

#include <cmath>

#include <gtest/gtest.h>

namespace prep360 {
namespace {

double Dist(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

TEST(TextQuad, ConvexHullDropsInteriorAndCollinearPoints) {
  const std::vector<Point2> hull = ConvexHull({{0, 0}, {2, 0}, {4, 0}, {4, 3}, {0, 3}, {1, 1}, {2, 2}, {0, 0}});
  EXPECT_EQ(hull.size(), 4u);
  EXPECT_NEAR(QuadArea({hull[0], hull[1], hull[2], hull[3]}), 12.0, 1e-9);
}

TEST(TextQuad, MinAreaRectRecoversARotatedRectangle) {
  // Points filling a 40 x 10 rectangle turned by 30°, centred at (100, 50).
  const double a = 30 * 3.14159265358979 / 180, c = std::cos(a), s = std::sin(a);
  std::vector<Point2> points;
  for (double u = -20; u <= 20; u += 0.5) {
    for (double v = -5; v <= 5; v += 0.5) points.push_back({100 + u * c - v * s, 50 + u * s + v * c});
  }
  const Quad r = MinAreaRect(points);
  EXPECT_NEAR(Dist(r[0], r[1]), 40, 1e-6);
  EXPECT_NEAR(Dist(r[0], r[3]), 10, 1e-6);
  EXPECT_NEAR(QuadArea(r), 400, 1e-6);
  // Top-left is the upper of the two left-most corners; top-right the upper of the right-most.
  EXPECT_LT(r[0].y, r[3].y);
  EXPECT_LT(r[1].y, r[2].y);
  EXPECT_LT(r[0].x, r[1].x);
}

TEST(TextQuad, UnclipMovesEverySideOutByAreaTimesRatioOverPerimeter) {
  const Quad rect = {Point2{10, 20}, Point2{110, 20}, Point2{110, 30}, Point2{10, 30}};
  const double d = 100.0 * 10 * 1.5 / 220;  // 6.818...
  const Quad g = UnclipRect(rect, 1.5);
  EXPECT_NEAR(g[0].x, 10 - d, 1e-9);
  EXPECT_NEAR(g[0].y, 20 - d, 1e-9);
  EXPECT_NEAR(g[2].x, 110 + d, 1e-9);
  EXPECT_NEAR(g[2].y, 30 + d, 1e-9);
  EXPECT_NEAR(ShortSide(g), 10 + 2 * d, 1e-9);
}

TEST(TextQuad, InsideConvexQuadHonoursTolerance) {
  const Quad rect = {Point2{0, 0}, Point2{10, 0}, Point2{10, 5}, Point2{0, 5}};
  EXPECT_TRUE(InsideConvexQuad(rect, 5, 2.5, 0));
  EXPECT_TRUE(InsideConvexQuad(rect, 10.4, 2.5, 0.5));
  EXPECT_FALSE(InsideConvexQuad(rect, 10.6, 2.5, 0.5));
  EXPECT_FALSE(InsideConvexQuad(rect, 5, -1, 0.5));
}

}  // namespace
}  // namespace prep360
