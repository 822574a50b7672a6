#pragma once
// Structural similarity (Wang et al. 2004) for tests: mean SSIM over 7x7 windows of the luma
// (Rec. 601 weights; grey images as they are), constants K1 = 0.01, K2 = 0.03 of the format's
// range. 1 for identical regions; <= 0.3 means the structure is gone.
#include "prep360/image/image.h"

namespace prep360::testkit {

// Over the rectangle [x0, x1) x [y0, y1) (clamped to the images, at least 7x7). The images must
// have the same size and format (std::invalid_argument otherwise).
double Ssim(const Image& a, const Image& b, int x0, int y0, int x1, int y1);

}  // namespace prep360::testkit
