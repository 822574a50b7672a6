#pragma once
// Pasting a scaled photo into a larger image, for detector tests (a face of a chosen size at a
// chosen place).
#include "prep360/image/image.h"

namespace prep360::testkit {

// Draws `src` scaled by `scale` with its top-left corner at (x, y) of `dst` (same channels and
// depth): every destination pixel is the mean of 4x4 bilinear samples spread over its footprint,
// so downscaling does not alias. Parts outside `dst` are clipped.
void PasteScaled(const Image& src, double scale, Image& dst, double x, double y);

}  // namespace prep360::testkit
