// The CUDA remap kernels (remap_cuda.h): one thread per output pixel, the arithmetic of the CPU
// row kernels (reproject/remap_kernels.h) operation for operation, in integers.
#include <cuda_runtime.h>

#include "prep360/gpu/remap_cuda.h"
#include "prep360/reproject/kernel_weights.h"

namespace prep360::gpu {
namespace {

namespace ri = prep360::remap_internal;
constexpr int kBilinearBits = 6;  // remap_internal::kBilinearBits

__device__ __forceinline__ int BilinearFrac(unsigned f) { return static_cast<int>((f + (1u << (15 - kBilinearBits))) >> (16 - kBilinearBits)); }
__device__ __forceinline__ int Phase(unsigned f) { return static_cast<int>((f + 128u) >> 8); }

template <int C>
__device__ __forceinline__ const std::uint8_t* Tap(const RemapLaunch& l, const DeviceRemapEntry& e, int dx, int dy) {
  return l.src + (static_cast<std::int64_t>(e.offset) + dx) * C + dy * l.src_stride;
}

template <int C>
__device__ void Nearest(const RemapLaunch& l, const DeviceRemapEntry& e, std::uint8_t* o) {
  const std::uint8_t* p = Tap<C>(l, e, 0, 0);
#pragma unroll
  for (int c = 0; c < C; ++c) o[c] = p[c];
}

template <int C>
__device__ void Bilinear(const RemapLaunch& l, const DeviceRemapEntry& e, std::uint8_t* o) {
  constexpr int kOne = 1 << kBilinearBits;
  constexpr int kShift = 2 * kBilinearBits;
  const std::uint8_t* t = Tap<C>(l, e, 0, 0);
  const std::uint8_t* b = t + l.src_stride;
  const int fx = BilinearFrac(e.fx), fy = BilinearFrac(e.fy);
#pragma unroll
  for (int c = 0; c < C; ++c) {
    const int v0 = t[c] * (kOne - fy) + b[c] * fy;
    const int v1 = t[c + C] * (kOne - fy) + b[c + C] * fy;
    o[c] = static_cast<std::uint8_t>((v0 * (kOne - fx) + v1 * fx + (1 << (kShift - 1))) >> kShift);
  }
}

// remap_internal::Separable8Row for one pixel.
template <int C, int kTaps>
__device__ void Separable(const RemapLaunch& l, const DeviceRemapEntry& e, std::uint8_t* o) {
  constexpr int kLead = kTaps / 2 - 1;
  constexpr int kMidShift = 6;
  constexpr int kShift = 2 * ri::kWeightBits - kMidShift;
  const std::int16_t* wx = l.weights + Phase(e.fx) * 8;
  const std::int16_t* wy = l.weights + Phase(e.fy) * 8;
  const std::uint8_t* p = Tap<C>(l, e, -kLead, -kLead);
  int acc[C] = {};
#pragma unroll
  for (int r = 0; r < kTaps; ++r, p += l.src_stride) {
    int h[C] = {};
#pragma unroll
    for (int k = 0; k < kTaps; ++k) {
#pragma unroll
      for (int c = 0; c < C; ++c) h[c] += wx[k] * p[k * C + c];
    }
#pragma unroll
    for (int c = 0; c < C; ++c) acc[c] += wy[r] * ((h[c] + (1 << (kMidShift - 1))) >> kMidShift);
  }
#pragma unroll
  for (int c = 0; c < C; ++c) {
    o[c] = static_cast<std::uint8_t>(min(max((acc[c] + (1 << (kShift - 1))) >> kShift, 0), 255));
  }
}

template <int C, int kInterp>
__global__ void RemapKernel(RemapLaunch l) {
  const std::int64_t i = static_cast<std::int64_t>(blockIdx.x) * blockDim.x + threadIdx.x;
  if (i >= static_cast<std::int64_t>(l.width) * l.height) return;
  const DeviceRemapEntry e = l.entries[i];
  std::uint8_t* o = l.out + i * C;
  if constexpr (kInterp == 0) Nearest<C>(l, e, o);
  if constexpr (kInterp == 1) Bilinear<C>(l, e, o);
  if constexpr (kInterp == 2) Separable<C, 4>(l, e, o);
  if constexpr (kInterp == 3) Separable<C, 6>(l, e, o);
}

template <int C>
int Launch(const RemapLaunch& l, cudaStream_t stream) {
  constexpr int kThreads = 256;
  const std::int64_t n = static_cast<std::int64_t>(l.width) * l.height;
  const auto blocks = static_cast<unsigned>((n + kThreads - 1) / kThreads);
  switch (l.interp) {
    case DeviceInterp::kNearest: RemapKernel<C, 0><<<blocks, kThreads, 0, stream>>>(l); break;
    case DeviceInterp::kBilinear: RemapKernel<C, 1><<<blocks, kThreads, 0, stream>>>(l); break;
    case DeviceInterp::kBicubic: RemapKernel<C, 2><<<blocks, kThreads, 0, stream>>>(l); break;
    case DeviceInterp::kLanczos3: RemapKernel<C, 3><<<blocks, kThreads, 0, stream>>>(l); break;
  }
  return static_cast<int>(cudaGetLastError());
}

}  // namespace

int LaunchRemap8(const RemapLaunch& launch, void* stream) {
  if (launch.width <= 0 || launch.height <= 0) return 0;
  auto* s = static_cast<cudaStream_t>(stream);
  switch (launch.channels) {
    case 1: return Launch<1>(launch, s);
    case 3: return Launch<3>(launch, s);
    case 4: return Launch<4>(launch, s);
    default: return static_cast<int>(cudaErrorInvalidValue);
  }
}

}  // namespace prep360::gpu
