#pragma once
// Internal: the CUDA remap kernels (remap_cuda.cu), callable from plain C++. They compute, for
// 8-bit sources, exactly what the CPU row kernels of reproject/remap_kernels.h compute: the same
// table entries, the same fixed-point bilinear (fractions to 1/64) and the same integer
// separable kernels (bicubic, lanczos3 with 12-bit weights, tap rows rounded to 1/64), so every
// interpolation is bit-identical to the CPU. Only built when CMake finds nvcc (PREP360_CUDA).
#include <cstdint>

namespace prep360::gpu {

// One table entry as RemapEntry (reproject/remap_table.h) lays it out; gpu_remap.cc checks that.
struct DeviceRemapEntry {
  std::int32_t offset;
  std::uint16_t fx, fy;
};

// The kernel's interpolation: the values of prep360::Interpolation.
enum class DeviceInterp : int { kNearest = 0, kBilinear = 1, kBicubic = 2, kLanczos3 = 3 };

struct RemapLaunch {
  const std::uint8_t* src = nullptr;  // device: source pixel (0, 0) of a frame with a filled border
  std::int64_t src_stride = 0;        // bytes between source rows
  const DeviceRemapEntry* entries = nullptr;  // device: width x height entries
  std::uint8_t* out = nullptr;        // device: width x height x channels bytes, rows packed
  int width = 0, height = 0, channels = 0;
  DeviceInterp interp = DeviceInterp::kNearest;
  const std::int16_t* weights = nullptr;  // device: KernelLut::q (kPhases x 8) for bicubic / lanczos3
};

// Enqueues the kernel on `stream` (a cudaStream_t). Returns the cudaError_t of the launch
// (0 = success). channels: 1, 3 or 4.
int LaunchRemap8(const RemapLaunch& launch, void* stream);

}  // namespace prep360::gpu
