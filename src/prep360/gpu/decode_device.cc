#include "prep360/gpu/decode_device.h"

#include "prep360/gpu/cuda_device.h"

namespace prep360 {

bool CudaDecodeWanted(Device device) {
  return (device == Device::kCuda || device == Device::kTensorRt) && ProbeCuda().kernels_built;
}

}  // namespace prep360
