#pragma once
// Motion between two frames of a 360° video, for --min-motion (skip near-duplicate frames while
// the camera stands still).
#include "prep360/video/video_reader.h"

namespace prep360 {

// Thumbnail width the frame selector measures motion at (narrower sources: their own width).
inline constexpr int kMotionThumbnailWidth = 512;

// Typical displacement of the picture content from `previous` to `current`, in degrees of the
// panorama (360 degrees = the full equirect width; one thumbnail pixel of a 512-wide thumbnail
// is 0.70 degrees). This is the unit of --min-motion DEG.
//
// Block matching: 16x16 blocks (at 512 wide) over the rows within +-60 degrees of the horizon
// (the stretched polar rows would overweight the sky and floor), each matched coarse to fine
// over a 3-level pyramid with horizontal wrap across the seam (search reach +-45 degrees), then
// refined to sub-pixel by a parabola through the SAD minimum. The result is the median
// displacement length of the textured blocks (flat blocks carry no information). A camera
// turning by a degrees scores ~a; walking scores the typical parallax flow; a still camera
// with compression noise scores ~0 (well under 0.3). Returns 0 when no block has texture.
// Both thumbnails must have the same size (else Error).
double Motion(const LumaThumbnail& previous, const LumaThumbnail& current);

}  // namespace prep360
