#include "prep360/rig/rig_coverage.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>
#include <utility>

#include "prep360/geometry/view_rays.h"

namespace prep360 {
namespace {

// A view's rays, with the shape camera for views without a size.
ViewRays RaysOf(const View& view) { return ViewRays(ShapeCamera(view), view.PanoFromCam()); }

double Overlap(const ViewRays& a, const ViewRays& b, int grid) {
  int seen = 0;
  for (int j = 0; j < grid; ++j) {
    const double y = (j + 0.5) * a.camera.height / grid;
    for (int i = 0; i < grid; ++i) {
      const double x = (i + 0.5) * a.camera.width / grid;
      if (b.Sees(a.Ray(x, y))) ++seen;
    }
  }
  return static_cast<double>(seen) / (static_cast<double>(grid) * grid);
}

// Length (degrees) of the part of the bisector of centres i and j that is closer to them than to
// any other centre: the border their Voronoi cells share.
double SharedBorderDeg(const std::vector<Vec3>& centres, std::size_t i, std::size_t j) {
  const Vec3& ci = centres[i];
  const Vec3& cj = centres[j];
  const Vec3 diff = ci - cj;
  if (diff.Norm() < 1e-9) return 360.0;  // same direction: they share everything
  const Vec3 normal = diff.Normalized();
  Vec3 e1 = ci + cj;
  if (e1.Norm() < 1e-9) {
    // Opposite centres: any direction perpendicular to them lies on the bisector.
    const Vec3 helper = std::abs(normal.y) < 0.9 ? Vec3{0, 1, 0} : Vec3{1, 0, 0};
    e1 = normal.Cross(helper);
  }
  e1 = e1.Normalized();
  const Vec3 e2 = normal.Cross(e1);
  constexpr int kSteps = 1440;
  int inside = 0;
  for (int s = 0; s < kSteps; ++s) {
    const double t = 2.0 * std::numbers::pi * s / kSteps;
    const Vec3 p = e1 * std::cos(t) + e2 * std::sin(t);
    const double own = p.Dot(ci);
    bool closest = true;
    for (std::size_t k = 0; k < centres.size() && closest; ++k) {
      if (k != i && k != j && p.Dot(centres[k]) >= own - 1e-12) closest = false;
    }
    if (closest) ++inside;
  }
  return 360.0 * inside / kSteps;
}

}  // namespace

Vec3 FibonacciDirection(int i, int n) {
  const double lat = std::asin(1.0 - (2.0 * i + 1.0) / n);
  const double golden_angle = std::numbers::pi * (3.0 - std::sqrt(5.0));
  double lon = std::fmod(i * golden_angle + std::numbers::pi, 2.0 * std::numbers::pi) - std::numbers::pi;
  if (lon < -std::numbers::pi) lon += 2.0 * std::numbers::pi;
  const double c = std::cos(lat);
  return {c * std::sin(lon), -std::sin(lat), c * std::cos(lon)};
}

bool ViewSees(const View& view, const Vec3& d) { return RaysOf(view).Sees(d); }

double ViewOverlap(const View& a, const View& b, int grid) {
  return Overlap(RaysOf(a), RaysOf(b), grid);
}

std::vector<ViewPair> NeighbourPairs(const Rig& rig, double min_border_deg) {
  std::vector<ViewRays> views;
  std::vector<Vec3> centres;
  for (const View& v : rig.views) {
    views.push_back(RaysOf(v));
    centres.push_back(views.back().centre);
  }
  // Candidates: the two nearest centres of directions close to equidistant from both (cheap),
  // then each candidate is checked exactly on its bisector.
  std::set<std::pair<std::size_t, std::size_t>> candidates;
  if (centres.size() >= 2) {
    constexpr int kSamples = 40000;
    for (int s = 0; s < kSamples; ++s) {
      const Vec3 d = FibonacciDirection(s, kSamples);
      std::size_t best = 0, second = 1;
      double best_dot = -2, second_dot = -2;
      for (std::size_t k = 0; k < centres.size(); ++k) {
        const double dot = d.Dot(centres[k]);
        if (dot > best_dot) {
          second = best;
          second_dot = best_dot;
          best = k;
          best_dot = dot;
        } else if (dot > second_dot) {
          second = k;
          second_dot = dot;
        }
      }
      // Within ~3 degrees of their bisector (the sample spacing is about 1 degree).
      if (std::acos(std::clamp(second_dot, -1.0, 1.0)) - std::acos(std::clamp(best_dot, -1.0, 1.0)) <
          DegToRad(6.0)) {
        candidates.insert({std::min(best, second), std::max(best, second)});
      }
    }
  }
  std::vector<ViewPair> pairs;
  for (const auto& [i, j] : candidates) {
    if (SharedBorderDeg(centres, i, j) < min_border_deg) continue;
    ViewPair pair;
    pair.a = static_cast<int>(i);
    pair.b = static_cast<int>(j);
    pair.overlap = std::min(Overlap(views[i], views[j], 96), Overlap(views[j], views[i], 96));
    pairs.push_back(pair);
  }
  return pairs;
}

RigCoverage ComputeCoverage(const Rig& rig, int samples, double min_latitude_deg) {
  RigCoverage result;
  std::vector<ViewRays> views;
  for (const View& v : rig.views) views.push_back(RaysOf(v));
  const double min_lat = DegToRad(min_latitude_deg);
  int counted = 0, covered = 0, overlapped = 0;
  for (int s = 0; s < samples; ++s) {
    const Vec3 d = FibonacciDirection(s, samples);
    if (std::asin(std::clamp(-d.y, -1.0, 1.0)) < min_lat) continue;
    ++counted;
    const int seen = CountViewsSeeing(views, d, 2);
    if (seen >= 1) ++covered;
    if (seen >= 2) ++overlapped;
  }
  if (counted > 0) {
    result.covered = static_cast<double>(covered) / counted;
    result.overlapped = static_cast<double>(overlapped) / counted;
  }
  for (const ViewPair& pair : NeighbourPairs(rig)) {
    if (pair.overlap < result.min_neighbour_overlap || result.worst_a < 0) {
      result.min_neighbour_overlap = pair.overlap;
      result.worst_a = pair.a;
      result.worst_b = pair.b;
    }
  }
  return result;
}

}  // namespace prep360
