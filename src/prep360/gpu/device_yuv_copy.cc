#include "prep360/gpu/device_yuv_copy.h"

#include <cstddef>

#include "prep360/gpu/cuda_device.h"

#if PREP360_HAVE_CUDA
#include <cuda_runtime_api.h>
#endif

namespace prep360 {

std::unique_ptr<DeviceYuvCopy> DeviceYuvCopy::Create(const SemiPlanarFrame& host, std::string* why) {
  const CudaStatus& cuda = ProbeCuda();
  if (!cuda.usable()) {
    if (why != nullptr) *why = cuda.problem;
    return nullptr;
  }
#if PREP360_HAVE_CUDA
  const auto luma = static_cast<std::size_t>(host.luma_pitch) * static_cast<std::size_t>(host.height);
  const auto chroma = static_cast<std::size_t>(host.chroma_pitch) * static_cast<std::size_t>((host.height + 1) / 2);
  std::unique_ptr<DeviceYuvCopy> copy(new DeviceYuvCopy);
  cudaError_t err = cudaMalloc(&copy->memory_, luma + chroma);
  auto* base = static_cast<std::uint8_t*>(copy->memory_);
  if (err == cudaSuccess) err = cudaMemcpy(base, host.luma, luma, cudaMemcpyHostToDevice);
  if (err == cudaSuccess) err = cudaMemcpy(base + luma, host.chroma, chroma, cudaMemcpyHostToDevice);
  if (err != cudaSuccess) {
    if (why != nullptr) *why = std::string("cuda: ") + cudaGetErrorString(err);
    return nullptr;
  }
  copy->frame_ = host;
  copy->frame_.luma = base;
  copy->frame_.chroma = base + luma;
  return copy;
#else
  (void)host;
  return nullptr;
#endif
}

DeviceYuvCopy::~DeviceYuvCopy() {
#if PREP360_HAVE_CUDA
  if (memory_ != nullptr) cudaFree(memory_);
#endif
}

}  // namespace prep360
