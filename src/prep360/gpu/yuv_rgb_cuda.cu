// The NV12 / P010 -> RGB kernel (yuv_rgb_cuda.h): one thread per bordered output pixel.
#include <cuda_runtime.h>

#include "prep360/gpu/yuv_rgb_cuda.h"
#include "prep360/reproject/equirect_border_source.h"

namespace prep360::gpu {
namespace {

__global__ void YuvToRgbKernel(SemiPlanarFrame f, YuvToRgbCoeffs k, std::uint8_t* out, std::int64_t out_stride,
                               int border) {
  const int bx = static_cast<int>(blockIdx.x * blockDim.x + threadIdx.x);
  const int by = static_cast<int>(blockIdx.y * blockDim.y + threadIdx.y);
  if (bx >= f.width + 2 * border || by >= f.height + 2 * border) return;
  int sx = 0, sy = 0;
  EquirectBorderSource(bx - border, by - border, f.width, f.height, sx, sy);
  YuvPixelToRgb(f, k, sx, sy, out + by * out_stride + static_cast<std::int64_t>(bx) * 3);
}

}  // namespace

int LaunchYuvToRgb(const SemiPlanarFrame& frame, const YuvToRgbCoeffs& coeffs, std::uint8_t* out,
                   std::int64_t out_stride, int border, void* stream) {
  if (frame.width <= 0 || frame.height <= 0) return 0;
  const dim3 threads(32, 8);
  const dim3 blocks(static_cast<unsigned>((frame.width + 2 * border + 31) / 32),
                    static_cast<unsigned>((frame.height + 2 * border + 7) / 8));
  YuvToRgbKernel<<<blocks, threads, 0, static_cast<cudaStream_t>(stream)>>>(frame, coeffs, out, out_stride, border);
  return static_cast<int>(cudaGetLastError());
}

}  // namespace prep360::gpu
