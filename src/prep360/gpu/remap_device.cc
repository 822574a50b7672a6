#include "prep360/gpu/remap_device.h"

namespace prep360 {

std::unique_ptr<GpuRemapper> RemapperForDevice(Device device, const std::function<void(const std::string&)>& warn) {
  if (device == Device::kCpu) return nullptr;
  std::string why;
  std::unique_ptr<GpuRemapper> gpu = GpuRemapper::Create(&why);
  if (gpu == nullptr && device != Device::kAuto && warn) {
    warn(std::string("device ") + std::string(NameOf(device)) + ": " + why + "; reprojecting on the CPU");
  }
  return gpu;
}

}  // namespace prep360
