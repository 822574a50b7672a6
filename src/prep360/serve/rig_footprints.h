#pragma once
// A rig's footprints for the web UI (POST /v1/rig/footprints): each view's outline traced through
// the same geometry as `prep360 rig show --picture` (rig_picture.cc: the image's four edges,
// ShapeCamera rays turned by PanoFromCam, EquirectFromDirection), in degrees of a 360 x 180
// equirect, and the rig's coverage numbers (ComputeCoverage).
#include <vector>

#include "prep360/job/settings_json.h"
#include "prep360/rig/rig.h"

namespace prep360::serve {

struct FootprintPoint {
  double u = 0, v = 0;  // u: 0..360 from longitude -180 (may leave that range: unwrapped); v: 0..180 from the zenith
};

// The closed outline of `view`: `samples_per_edge` points per image edge, u unwrapped across the
// seam exactly as the picture draws it (a continuous line; add or subtract 360 to wrap it back).
std::vector<FootprintPoint> FootprintOutline(const View& view, int samples_per_edge);

// {"views": [{name, yaw, pitch, roll, hfov, colour [r,g,b], centre [u,v], outline [[u,v],...]}],
//  "coverage": {covered, overlapped, min_neighbour_overlap, worst [a, b]}}. `coverage_samples`
// directions (ComputeCoverage), counting those above `min_latitude_deg`.
Json FootprintsJson(const Rig& rig, int coverage_samples, double min_latitude_deg);

}  // namespace prep360::serve
