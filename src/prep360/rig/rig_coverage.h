#pragma once
// How well a rig's views cover the sphere and overlap each other (docs/rigs.md, "Measures").
// Views without a size count as square (see ShapeCamera).
#include <vector>

#include "prep360/geometry/rotation.h"
#include "prep360/rig/rig.h"

namespace prep360 {

// True when the pano-frame direction `d` projects inside the view's image.
bool ViewSees(const View& view, const Vec3& d);

// Fraction of `a`'s image area (a grid x grid lattice of pixel positions) that `b` also sees.
double ViewOverlap(const View& a, const View& b, int grid = 96);

// Pairs (i < j) of views whose nearest-centre (Voronoi) cells on the sphere share a border at
// least `min_border_deg` long: the views that are next to each other.
struct ViewPair {
  int a = 0, b = 0;
  double overlap = 0;  // min(ViewOverlap(a, b), ViewOverlap(b, a))
};
std::vector<ViewPair> NeighbourPairs(const Rig& rig, double min_border_deg = 1.0);

struct RigCoverage {
  double covered = 0;     // fraction of the directions (above min_latitude) seen by >= 1 view
  double overlapped = 0;  // ... seen by >= 2 views
  // Smallest overlap of neighbouring views (NeighbourPairs), and that pair; 1 and (-1, -1)
  // when the rig has fewer than two views.
  double min_neighbour_overlap = 1;
  int worst_a = -1, worst_b = -1;
};

// Estimates coverage on `samples` directions spread uniformly over the sphere (a Fibonacci
// lattice), counting only those at latitude >= min_latitude_deg (e.g. -60 to leave out a nadir
// cap where the tripod is).
RigCoverage ComputeCoverage(const Rig& rig, int samples = 20000, double min_latitude_deg = -90);

// The i-th of n directions of a Fibonacci (golden-spiral) lattice, from near the zenith down to
// near the nadir: latitude asin(1 - (2i+1)/n), longitude i * golden angle (wrapped to [-pi, pi)).
Vec3 FibonacciDirection(int i, int n);

}  // namespace prep360
