#include "prep360/detect/cuda_plugin_ep.h"

#include <dlfcn.h>

#include <filesystem>
#include <unordered_map>
#include <vector>

#include "prep360/detect/onnx_env.h"

namespace prep360 {

// The library API arrived with ONNX Runtime 1.22 (C API version 22); older headers (the default
// .deps/onnxruntime's) have none, and then there is no plugin.
#if ORT_API_VERSION >= 22
namespace {

constexpr const char* kRegistration = "prep360_cuda";

struct Plugin {
  bool available = false;
  std::string why;
  std::vector<Ort::ConstEpDevice> devices;
};

// The folder of the loaded libonnxruntime (where the provider libraries sit).
std::filesystem::path OrtLibraryDir() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&OrtGetApiBase), &info) == 0 || info.dli_fname == nullptr) return {};
  return std::filesystem::path(info.dli_fname).parent_path();
}

Plugin Register() {
  Plugin p;
  const std::filesystem::path lib = OrtLibraryDir() / "libonnxruntime_providers_cuda.so";
  std::error_code ec;
  if (!std::filesystem::exists(lib, ec)) {
    p.why = "no libonnxruntime_providers_cuda.so beside libonnxruntime";
    return p;
  }
  Ort::Env& env = OnnxEnv();
  try {
    env.RegisterExecutionProviderLibrary(kRegistration, lib.string());
  } catch (const Ort::Exception& e) {
    p.why = e.what();
    return p;
  }
  for (const Ort::ConstEpDevice& d : env.GetEpDevices()) {
    if (std::string(d.EpName()) == "CUDAExecutionProvider") p.devices.push_back(d);
  }
  p.available = !p.devices.empty();
  if (!p.available) p.why = "the CUDA provider library found no CUDA device";
  return p;
}

const Plugin& ThePlugin() {
  static const Plugin plugin = Register();
  return plugin;
}

}  // namespace

bool CudaPluginAvailable(std::string* why) {
  const Plugin& p = ThePlugin();
  if (why != nullptr) *why = p.why;
  return p.available;
}

void AppendCudaPlugin(Ort::SessionOptions& options) {
  // Heuristic algorithm search, as for the built-in provider (onnx_session.cc).
  const std::unordered_map<std::string, std::string> ep_options = {{"cudnn_conv_algo_search", "HEURISTIC"}};
  options.AppendExecutionProvider_V2(OnnxEnv(), ThePlugin().devices, ep_options);
}

#else

bool CudaPluginAvailable(std::string* why) {
  if (why != nullptr) *why = "no provider-library API in these ONNX Runtime headers (C API version < 22)";
  return false;
}

void AppendCudaPlugin(Ort::SessionOptions&) {}

#endif

}  // namespace prep360
