#pragma once
// Binary mask operations on 8-bit single-channel Images (any nonzero = set).
#include <cstdint>

#include "prep360/image/image.h"

namespace prep360 {

// Grows the set region by a disk of `radius_px` (exact Euclidean disk, cost independent of
// the radius per pixel up to a small factor). radius 0 = no change.
void DilateMask(Image& mask, int radius_px);
// 255 <-> 0.
void InvertMask(Image& mask);
// dst = max(dst, src), same size.
void UnionMask(Image& dst, const Image& src);
// Number of set pixels.
std::int64_t CountSet(const Image& mask);
// Intersection over union of the set regions.
double MaskIoU(const Image& a, const Image& b);

}  // namespace prep360
