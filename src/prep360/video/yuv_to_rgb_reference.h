#pragma once
// The CPU reference of the GPU's NV12 / P010 -> RGB conversion (yuv_to_rgb.h): the CUDA kernel
// must give exactly these bytes, and these stay within a couple of levels of swscale (the CPU
// decode path), which the tests measure.
#include "prep360/image/image.h"
#include "prep360/video/yuv_to_rgb.h"

namespace prep360 {

// out (8-bit RGB, the frame's size) = `f` converted; a border of out, if any, is filled as
// FillEquirectBorder fills it (each border pixel converted from the interior pixel it repeats).
// Throws Error when out has another size or format.
void YuvToRgbReference(const SemiPlanarFrame& f, const YuvToRgbCoeffs& k, Image& out);

}  // namespace prep360
