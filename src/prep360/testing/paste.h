#pragma once
// Pasting a scaled photo into a larger image, for detector tests (a face of a chosen size at a
// chosen place).
#include "prep360/image/image.h"
#include "prep360/testing/real_photos.h"

namespace prep360::testkit {

// Draws `src` scaled by `scale` with its top-left corner at (x, y) of `dst` (same channels and
// depth): every destination pixel is the mean of 4x4 bilinear samples spread over its footprint,
// so downscaling does not alias. Parts outside `dst` are clipped.
void PasteScaled(const Image& src, double scale, Image& dst, double x, double y);

// Pastes the astronaut portrait (SkimagePhoto("astronaut.png")) into an equirect so that its face
// (kAstronautFace), scaled to face_px wide, is centred at (cx, cy); copies one width to each side
// wrap it across the seam. Returns the face box in equirect pixels (x may run past the seam).
PixelBox PasteFaceInEquirect(const Image& portrait, Image& eq, double cx, double cy, double face_px);

}  // namespace prep360::testkit
