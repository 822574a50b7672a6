#include "prep360/ocr/text_quad.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace prep360 {
namespace {

double Cross(const Point2& o, const Point2& a, const Point2& b) {
  return (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
}

double Distance(const Point2& a, const Point2& b) { return std::hypot(a.x - b.x, a.y - b.y); }

}  // namespace

std::vector<Point2> ConvexHull(std::vector<Point2> points) {
  std::sort(points.begin(), points.end(),
            [](const Point2& a, const Point2& b) { return a.x < b.x || (a.x == b.x && a.y < b.y); });
  points.erase(std::unique(points.begin(), points.end(),
                           [](const Point2& a, const Point2& b) { return a.x == b.x && a.y == b.y; }),
               points.end());
  if (points.size() < 3) return points;
  std::vector<Point2> hull(2 * points.size());
  std::size_t k = 0;
  for (const Point2& p : points) {  // lower chain
    while (k >= 2 && Cross(hull[k - 2], hull[k - 1], p) <= 0) --k;
    hull[k++] = p;
  }
  const std::size_t lower = k + 1;
  for (std::size_t i = points.size() - 1; i-- > 0;) {  // upper chain
    while (k >= lower && Cross(hull[k - 2], hull[k - 1], points[i]) <= 0) --k;
    hull[k++] = points[i];
  }
  hull.resize(k - 1);
  return hull;
}

Quad MinAreaRect(const std::vector<Point2>& points) {
  const std::vector<Point2> hull = ConvexHull(points);
  if (hull.empty()) return Quad{};
  // Candidate directions: every hull edge (a rectangle of least area has a side on one).
  double best_area = std::numeric_limits<double>::infinity();
  Quad best{};
  const std::size_t n = hull.size();
  for (std::size_t i = 0; i < std::max<std::size_t>(n, 1); ++i) {
    double ux = 1, uy = 0;
    if (n >= 2) {
      const Point2& a = hull[i];
      const Point2& b = hull[(i + 1) % n];
      const double len = Distance(a, b);
      if (len == 0) continue;
      ux = (b.x - a.x) / len;
      uy = (b.y - a.y) / len;
    }
    double u0 = std::numeric_limits<double>::infinity(), u1 = -u0, v0 = u0, v1 = -u0;
    for (const Point2& p : hull) {
      const double u = p.x * ux + p.y * uy, v = -p.x * uy + p.y * ux;
      u0 = std::min(u0, u), u1 = std::max(u1, u), v0 = std::min(v0, v), v1 = std::max(v1, v);
    }
    const double area = (u1 - u0) * (v1 - v0);
    if (area < best_area) {
      best_area = area;
      auto corner = [&](double u, double v) { return Point2{u * ux - v * uy, u * uy + v * ux}; };
      best = {corner(u0, v0), corner(u1, v0), corner(u1, v1), corner(u0, v1)};
    }
  }
  return OrderCorners(best);
}

Quad OrderCorners(const Quad& quad) {
  Quad q = quad;
  std::sort(q.begin(), q.end(), [](const Point2& a, const Point2& b) { return a.x < b.x; });
  const auto [tl, bl] = q[0].y <= q[1].y ? std::pair{q[0], q[1]} : std::pair{q[1], q[0]};
  const auto [tr, br] = q[2].y <= q[3].y ? std::pair{q[2], q[3]} : std::pair{q[3], q[2]};
  return {tl, tr, br, bl};
}

double QuadArea(const Quad& quad) {
  double twice = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    const Point2& a = quad[i];
    const Point2& b = quad[(i + 1) % 4];
    twice += a.x * b.y - b.x * a.y;
  }
  return std::abs(twice) / 2;
}

double QuadPerimeter(const Quad& quad) {
  double sum = 0;
  for (std::size_t i = 0; i < 4; ++i) sum += Distance(quad[i], quad[(i + 1) % 4]);
  return sum;
}

double ShortSide(const Quad& rect) { return std::min(Distance(rect[0], rect[1]), Distance(rect[0], rect[3])); }

Quad UnclipRect(const Quad& rect, double ratio) {
  const double perimeter = QuadPerimeter(rect);
  if (perimeter <= 0) return rect;
  const double d = QuadArea(rect) * ratio / perimeter;
  Quad out;
  for (std::size_t i = 0; i < 4; ++i) {
    // Each corner moves out along both sides that meet there: by d along each side's outward normal.
    const Point2& p = rect[i];
    const Point2& next = rect[(i + 1) % 4];
    const Point2& prev = rect[(i + 3) % 4];
    const double ln = Distance(p, next), lp = Distance(p, prev);
    Point2 q = p;
    if (ln > 0) q.x += (p.x - next.x) / ln * d, q.y += (p.y - next.y) / ln * d;
    if (lp > 0) q.x += (p.x - prev.x) / lp * d, q.y += (p.y - prev.y) / lp * d;
    if (ln == 0 && lp == 0) {  // a point: grow to a square around it
      q.x += (i == 1 || i == 2 ? d : -d);
      q.y += (i >= 2 ? d : -d);
    }
    out[i] = q;
  }
  return OrderCorners(out);
}

bool InsideConvexQuad(const Quad& quad, double x, double y, double tolerance) {
  // The quad's winding decides the sign of "inside"; a point is inside when it is on the inner side
  // of (or within tolerance of) every edge.
  const double orientation = Cross(quad[0], quad[1], quad[2]) + Cross(quad[0], quad[2], quad[3]) >= 0 ? 1.0 : -1.0;
  const Point2 p{x, y};
  for (std::size_t i = 0; i < 4; ++i) {
    const Point2& a = quad[i];
    const Point2& b = quad[(i + 1) % 4];
    const double len = Distance(a, b);
    if (len == 0) continue;
    if (orientation * Cross(a, b, p) / len < -tolerance) return false;
  }
  return true;
}

}  // namespace prep360
