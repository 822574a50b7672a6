#pragma once
// Irreversible blurring of image regions (faces) for publishing: each elliptical region is
// pixelated into cells of about a sixth of its smaller diameter, then Gaussian-blurred with a
// sigma of one cell, given a fine deterministic grain (±8 % of the range), and blended in with a
// soft edge (fully replaced inside the ellipse, fading out over 20 % of its radii outside it).
// Pixelation and blur scale with the region, so a small face and a large one lose the same
// amount of detail; pixelation alone can be partly undone by deblurring, the Gaussian removes the
// cell edges that carry its phase, and the grain is what a deconvolution would amplify.
#include <vector>

#include "prep360/image/image.h"

namespace prep360 {

struct BlurRegion {
  double cx = 0, cy = 0;  // centre, image pixels (continuous)
  double rx = 0, ry = 0;  // radii, pixels (> 0)
};

// Blurs every region of an 8- or 16-bit image (any channel count) in place; regions may overlap
// and extend past the image edges. Regions with a non-positive radius are ignored.
void BlurRegions(Image& image, const std::vector<BlurRegion>& regions);

}  // namespace prep360
