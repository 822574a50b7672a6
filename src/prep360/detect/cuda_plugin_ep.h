#pragma once
// ONNX Runtime builds whose CUDA provider is a plugin library rather than built in (the
// execution-provider library API of ONNX Runtime >= 1.22; e.g. the npm packages
// com.github.asus4.onnxruntime + ...linux-x64-gpu that `scripts/bootstrap --gpu` places): the
// library libonnxruntime_providers_cuda.so beside libonnxruntime is registered once per process,
// and its CUDA devices are appended to a session's options.
#include <string>

#include <onnxruntime_cxx_api.h>

namespace prep360 {

// Whether the plugin registered and offers a CUDA device; `why` (may be null) says why not, and
// starts with "no " when there is no plugin library at all (so nothing failed).
// Registers on the first call (thread-safe); later calls return the first answer.
bool CudaPluginAvailable(std::string* why);

// Appends the plugin's CUDA device(s) to `options`; throws Ort::Exception when it cannot.
// Call only after CudaPluginAvailable() returned true.
void AppendCudaPlugin(Ort::SessionOptions& options);

}  // namespace prep360
