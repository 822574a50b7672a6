#include "prep360/detect/onnx_env.h"

#include <algorithm>
#include <mutex>

#include "prep360/util/error.h"

namespace prep360 {

const OrtApi& OnnxApi() {
  static std::once_flag once;
  static const OrtApi* api = nullptr;
  std::call_once(once, [] {
    const OrtApiBase* base = OrtGetApiBase();
    api = base != nullptr ? base->GetApi(ORT_API_VERSION) : nullptr;
    if (api != nullptr) Ort::InitApi(api);
  });
  if (api == nullptr) {
    const char* version = OrtGetApiBase() != nullptr ? OrtGetApiBase()->GetVersionString() : "unknown";
    throw Error(std::string("ONNX Runtime ") + version + " is older than the headers prep360 was built with (API " +
                std::to_string(ORT_API_VERSION) + "); install a newer libonnxruntime");
  }
  return *api;
}

Ort::Env& OnnxEnv() {
  OnnxApi();
  // Never destroyed: ONNX Runtime's own statics may already be gone at exit.
  static Ort::Env* env = new Ort::Env(ORT_LOGGING_LEVEL_ERROR, "prep360");
  return *env;
}

std::vector<std::string> AvailableProviders() {
  OnnxApi();
  return Ort::GetAvailableProviders();
}

bool ProviderAvailable(const std::string& provider) {
  const std::vector<std::string> providers = AvailableProviders();
  return std::find(providers.begin(), providers.end(), provider) != providers.end();
}

}  // namespace prep360
