#include "prep360/gpu/cuda_device.h"

#if PREP360_HAVE_CUDA
#include <cuda_runtime_api.h>
#endif

namespace prep360 {
namespace {

CudaStatus Probe() {
  CudaStatus s;
#if PREP360_HAVE_CUDA
  s.kernels_built = true;
  cudaRuntimeGetVersion(&s.runtime_version);
  if (cudaDriverGetVersion(&s.driver_version) != cudaSuccess) s.driver_version = 0;
  if (s.driver_version == 0) {
    s.problem = "no NVIDIA driver found (libcuda.so.1 missing)";
    return s;
  }
  const cudaError_t err = cudaGetDeviceCount(&s.device_count);
  if (err != cudaSuccess || s.device_count == 0) {
    s.device_count = 0;
    s.problem = std::string("no CUDA device (") + (err != cudaSuccess ? cudaGetErrorString(err) : "none found") + ")";
    cudaGetLastError();  // clear the sticky error
    return s;
  }
  cudaDeviceProp prop{};
  if (cudaGetDeviceProperties(&prop, 0) != cudaSuccess) {
    s.problem = "cannot read the properties of CUDA device 0";
    return s;
  }
  s.device_name = prop.name;
  s.compute_major = prop.major;
  s.compute_minor = prop.minor;
  s.memory_bytes = prop.totalGlobalMem;
#else
  s.problem = "this build has no CUDA kernels (nvcc was not found, or PREP360_CUDA=OFF)";
#endif
  return s;
}

}  // namespace

const CudaStatus& ProbeCuda() {
  static const CudaStatus status = Probe();
  return status;
}

std::string CudaVersionText(int version) {
  if (version <= 0) return "none";
  return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

}  // namespace prep360
