#pragma once
// Whether libav can decode on the GPU here: its `cuda` hardware device type (NVDEC through
// libavcodec's hwaccel) and whether a CUDA device context starts. For `prep360 info` and the
// tests; the decode itself (video/cuda_decode.h) is opt-in and falls back on its own.
#include <string>

namespace prep360 {

struct NvdecStatus {
  bool libav_has_cuda = false;  // av_hwdevice_find_type_by_name("cuda") knows the type
  bool hevc_hwaccel = false;    // the HEVC decoder offers a CUDA hardware configuration
  bool device_starts = false;   // av_hwdevice_ctx_create(AV_HWDEVICE_TYPE_CUDA) succeeded
  std::string problem;          // why NVDEC cannot be used; empty when it can
};

// Probed once per process.
const NvdecStatus& ProbeNvdec();

}  // namespace prep360
