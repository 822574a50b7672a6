#include "prep360/geometry/view_rays.h"

namespace prep360 {

bool HasNearestCentre(const std::vector<ViewRays>& views, std::size_t own, const Vec3& d) {
  const double mine = d.Dot(views[own].centre);
  for (std::size_t j = 0; j < views.size(); ++j) {
    if (j == own) continue;
    const double theirs = d.Dot(views[j].centre);
    const bool closer = theirs > mine || (theirs == mine && j < own);
    if (closer && views[j].Sees(d)) return false;
  }
  return true;
}

int CountViewsSeeing(const std::vector<ViewRays>& views, const Vec3& d, int limit) {
  int seen = 0;
  for (const ViewRays& v : views) {
    if (seen >= limit) break;
    if (v.Sees(d)) ++seen;
  }
  return seen;
}

}  // namespace prep360
