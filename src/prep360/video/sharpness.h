#pragma once
// Sharpness score of a frame, for picking the sharpest frame of a sampling window.
#include "prep360/video/video_reader.h"

namespace prep360 {

// Thumbnail width the frame selector scores sharpness at (narrower sources: their own width).
// Wide enough that motion blur of a few source pixels on a 5.7K frame still lowers the score,
// small enough that scoring costs ~1 ms (the 5.7K decode it is compared with costs 30-60 ms).
inline constexpr int kSharpnessThumbnailWidth = 1024;

// Variance of the 4-neighbour Laplacian over the interior of the thumbnail, in (8-bit grey
// level)^2. Higher is sharper; only comparable between thumbnails of the same size and scene
// (the frames of one window). 0 for a flat picture or one smaller than 3x3.
double Sharpness(const LumaThumbnail& luma);

}  // namespace prep360
