#include "prep360/serve/rig_footprints.h"

#include <array>

#include "prep360/geometry/equirect.h"
#include "prep360/rig/rig_coverage.h"
#include "prep360/rig/rig_picture.h"

namespace prep360::serve {

std::vector<FootprintPoint> FootprintOutline(const View& view, int samples_per_edge) {
  const Pinhole cam = ShapeCamera(view);
  const Mat3 pano_from_cam = view.PanoFromCam();
  const double w = cam.width, h = cam.height;
  const std::array<std::array<double, 4>, 4> edges = {{{0, 0, w, 0}, {w, 0, w, h}, {w, h, 0, h}, {0, h, 0, 0}}};
  std::vector<FootprintPoint> points;
  double prev_u = 0;
  for (const auto& e : edges) {
    for (int s = 0; s < samples_per_edge; ++s) {
      const double t = static_cast<double>(s) / samples_per_edge;
      const Vec3 d = pano_from_cam * cam.Ray(e[0] + t * (e[2] - e[0]), e[1] + t * (e[3] - e[1]));
      const EquirectPoint p = EquirectFromDirection(d, 360, 180);
      double u = p.u;
      if (!points.empty()) {
        while (u - prev_u > 180.0) u -= 360.0;
        while (prev_u - u > 180.0) u += 360.0;
      }
      points.push_back({u, p.v});
      prev_u = u;
    }
  }
  return points;
}

Json FootprintsJson(const Rig& rig, int coverage_samples, double min_latitude_deg) {
  Json views = Json::array();
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    const View& v = rig.views[i];
    Json outline = Json::array();
    for (const FootprintPoint& p : FootprintOutline(v, 48)) outline.push_back({p.u, p.v});
    const EquirectPoint c = EquirectFromDirection(v.PanoFromCam() * Vec3{0, 0, 1}, 360, 180);
    const auto colour = ViewColour(static_cast<int>(i));
    views.push_back({{"name", v.name}, {"yaw", v.yaw_deg}, {"pitch", v.pitch_deg}, {"roll", v.roll_deg},
                     {"hfov", v.hfov_deg}, {"width", v.width}, {"height", v.height},
                     {"colour", {colour[0], colour[1], colour[2]}}, {"centre", {c.u, c.v}}, {"outline", outline}});
  }
  const RigCoverage cov = ComputeCoverage(rig, coverage_samples, min_latitude_deg);
  const Json coverage = {{"covered", cov.covered},
                         {"overlapped", cov.overlapped},
                         {"min_neighbour_overlap", cov.min_neighbour_overlap},
                         {"worst", {cov.worst_a, cov.worst_b}}};
  return {{"name", rig.name}, {"views", views}, {"coverage", coverage}};
}

}  // namespace prep360::serve
