#pragma once
// Binary mask operations on 8-bit single-channel Images (any nonzero = set). Every function
// throws Error for another format, and the two-mask ones for masks of different sizes.
#include <cstdint>

#include "prep360/image/image.h"

namespace prep360 {

// Grows the set region by a disk of `radius_px`: afterwards (x, y) is set (255) iff some set
// pixel (x', y') has (x - x')^2 + (y - y')^2 <= radius^2; every other pixel is 0. Exact
// Euclidean disk, two separable passes over the set pixels' bounding box grown by the radius,
// so the cost per pixel does not depend on the radius. radius 0 = no change; negative: Error.
void DilateMask(Image& mask, int radius_px);
// Set -> 0, unset -> 255.
void InvertMask(Image& mask);
// dst = max(dst, src), same size.
void UnionMask(Image& dst, const Image& src);
// Number of set pixels.
std::int64_t CountSet(const Image& mask);
// Intersection over union of the set regions; 1 when neither has a set pixel.
double MaskIoU(const Image& a, const Image& b);

}  // namespace prep360
