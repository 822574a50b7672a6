#pragma once
// A copy of a host NV12 / P010 frame in device memory, laid out as NVDEC leaves its frames: for
// testing the device conversion and remap (GpuRemapper::RemapYuvViews) without a decoder.
#include <memory>
#include <string>

#include "prep360/video/yuv_to_rgb.h"

namespace prep360 {

class DeviceYuvCopy {
 public:
  // The copy on CUDA device 0, or null with `*why` set (no kernels in this build, no device,
  // or a CUDA call failed).
  static std::unique_ptr<DeviceYuvCopy> Create(const SemiPlanarFrame& host, std::string* why);
  ~DeviceYuvCopy();
  DeviceYuvCopy(const DeviceYuvCopy&) = delete;
  DeviceYuvCopy& operator=(const DeviceYuvCopy&) = delete;

  // The same frame with device pointers (pitches as the host's).
  const SemiPlanarFrame& frame() const { return frame_; }

 private:
  DeviceYuvCopy() = default;
  SemiPlanarFrame frame_;
  void* memory_ = nullptr;
};

}  // namespace prep360
