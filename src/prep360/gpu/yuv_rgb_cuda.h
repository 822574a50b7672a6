#pragma once
// Internal: the CUDA kernel converting a decoded NV12 / P010 frame in device memory into the
// bordered 8-bit RGB frame the remap kernels sample (yuv_rgb_cuda.cu). Every pixel, border
// included, is computed by video/yuv_to_rgb.h's YuvPixelToRgb from the interior pixel
// EquirectBorderSource names, so the result is YuvToRgbReference's, byte for byte. Only built
// when CMake finds nvcc (PREP360_CUDA).
#include <cstdint>

#include "prep360/video/yuv_to_rgb.h"

namespace prep360::gpu {

// Enqueues the conversion on `stream` (a cudaStream_t). `frame`'s planes are device pointers;
// `out` (device) points at bordered pixel (-border, -border) of a (width + 2 border) x
// (height + 2 border) RGB image with rows out_stride bytes apart. Returns the cudaError_t of
// the launch (0 = success).
int LaunchYuvToRgb(const SemiPlanarFrame& frame, const YuvToRgbCoeffs& coeffs, std::uint8_t* out,
                   std::int64_t out_stride, int border, void* stream);

}  // namespace prep360::gpu
