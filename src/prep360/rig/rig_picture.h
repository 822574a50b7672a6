#pragma once
// Draws a rig's footprints (each view's frustum outline, and its centre) on an equirect image,
// for `prep360 rig show NAME --picture out.png`.
#include "prep360/image/image.h"
#include "prep360/rig/rig.h"

namespace prep360 {

// Returns an 8-bit RGB width x (width/2) equirect with a latitude/longitude grid and each
// view's outline in its own colour. If `background` is non-empty (8-bit RGB equirect), it is
// drawn underneath (resampled to the picture size). Views need sizes set.
Image DrawRigPicture(const Rig& rig, int width, const Image* background = nullptr);

// Fraction of the sphere seen by at least one view, and by at least two, estimated on a grid
// of directions uniformly distributed over the sphere.
struct RigCoverage {
  double covered = 0;
  double overlapped = 0;
};
RigCoverage ComputeCoverage(const Rig& rig, int samples = 20000);

}  // namespace prep360
