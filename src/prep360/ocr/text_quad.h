#pragma once
// A text box as four corners in image pixels, and the geometry DB post-processing needs on it:
// convex hull, minimum-area rectangle, corner order, and the "unclip" that grows a shrunk text
// kernel back to the text's extent.
#include <array>
#include <vector>

namespace prep360 {

struct Point2 {
  double x = 0, y = 0;
};

// Corners in reading order: top-left, top-right, bottom-right, bottom-left (clockwise on screen).
using Quad = std::array<Point2, 4>;

// Convex hull of points (Andrew's monotone chain), counter-clockwise in a y-up frame, no
// collinear points; fewer than 3 distinct points come back as they are (deduplicated).
std::vector<Point2> ConvexHull(std::vector<Point2> points);

// The smallest-area rectangle holding the points (rotating calipers over the hull's edges),
// corners ordered as OrderCorners does. A single point or a segment gives a degenerate rectangle.
Quad MinAreaRect(const std::vector<Point2>& points);

// PaddleOCR's corner order: of the two left-most corners the upper one is top-left and the lower
// one bottom-left; likewise on the right.
Quad OrderCorners(const Quad& quad);

double QuadArea(const Quad& quad);       // absolute polygon area
double QuadPerimeter(const Quad& quad);  // sum of the four sides
double ShortSide(const Quad& rect);      // of a rectangle: min(|p0 - p1|, |p0 - p3|)

// DB's unclip of a rectangle: offsetting it outwards by d = area * ratio / perimeter gives the
// rectangle with every side moved out by d (rounded corners, whose minimum-area rectangle is
// that one).
Quad UnclipRect(const Quad& rect, double ratio);

// True when (x, y) lies inside the convex quad or within `tolerance` of it.
bool InsideConvexQuad(const Quad& quad, double x, double y, double tolerance);

}  // namespace prep360
