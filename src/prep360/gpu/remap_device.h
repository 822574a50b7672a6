#pragma once
// Where a job reprojects: the job's one device choice, detect.device, decides for the remap too
// (docs/gpu.md): "auto" uses a CUDA device when this build has the kernels and one is found, else
// the CPU, silently; "cuda" and "tensorrt" use it or fall back to the CPU with one warning; "cpu"
// never uses it. Every interpolation gives the same 8-bit pixels on either, so the choice never
// changes an output byte.
#include <functional>
#include <memory>
#include <string>

#include "prep360/detect/detect_settings.h"
#include "prep360/gpu/gpu_remap.h"

namespace prep360 {

// The remapper for `device`, or null for the CPU. `warn` gets the fallback line.
std::unique_ptr<GpuRemapper> RemapperForDevice(Device device, const std::function<void(const std::string&)>& warn);

}  // namespace prep360
