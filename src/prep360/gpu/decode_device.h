#pragma once
// Where a video job decodes: with NVDEC when the job's one device choice (detect.device) is cuda
// or tensorrt and this build has the CUDA kernels, which take the decoded frames straight from
// device memory (docs/gpu.md); on the CPU otherwise, auto included (NVDEC is opt-in). The reader
// falls back to the CPU with one warning when NVDEC does not start (video/video_reader.h).
#include "prep360/detect/detect_settings.h"

namespace prep360 {

bool CudaDecodeWanted(Device device);

}  // namespace prep360
