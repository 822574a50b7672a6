#pragma once
// What CUDA this process can use: whether the CUDA kernels were compiled in (CMake option
// PREP360_CUDA), the driver and runtime versions, and the first device. Never throws: without a
// driver or a device it says why in `problem`.
#include <cstddef>
#include <string>

namespace prep360 {

struct CudaStatus {
  bool kernels_built = false;  // PREP360_CUDA was on at build time
  int runtime_version = 0;     // CUDA runtime linked in, e.g. 13000 (0 without kernels)
  int driver_version = 0;      // highest CUDA version the driver supports; 0 = no driver
  int device_count = 0;
  std::string device_name;     // device 0
  int compute_major = 0, compute_minor = 0;
  std::size_t memory_bytes = 0;
  std::string problem;         // why CUDA cannot be used; empty when it can

  bool usable() const { return problem.empty(); }
};

// Probed once per process (the first call initialises the CUDA runtime).
const CudaStatus& ProbeCuda();

// "13.0" for 13000.
std::string CudaVersionText(int version);

}  // namespace prep360
