#pragma once
// The process-wide ONNX Runtime environment. The C API is initialised by hand (ORT_API_MANUAL_INIT)
// so that headers older than the runtime library work; every use of the Ort:: C++ wrapper must
// come after OnnxApi() or OnnxEnv() has been called once.
#include <string>
#include <vector>

#include <onnxruntime_cxx_api.h>

namespace prep360 {

// Initialises the C API (once, thread-safe) and returns it; throws Error when the runtime library
// is older than the headers.
const OrtApi& OnnxApi();
// The one Ort::Env of the process (warning-level logging), created on first use.
Ort::Env& OnnxEnv();
// Execution providers this ONNX Runtime build offers, e.g. {"CUDAExecutionProvider", "CPUExecutionProvider"}.
std::vector<std::string> AvailableProviders();
bool ProviderAvailable(const std::string& provider);

}  // namespace prep360
