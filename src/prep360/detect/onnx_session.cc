#include "prep360/detect/onnx_session.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <tuple>
#include <string_view>
#include <thread>
#include <vector>

#include "prep360/detect/cuda_plugin_ep.h"
#include "prep360/detect/onnx_env.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// The first source location in `line` ("path/file.cc:180 ", an optional drive letter, the
// spaces after it): [begin, end), or npos when there is none.
std::pair<std::size_t, std::size_t> FindSourceLocation(const std::string& line) {
  static constexpr std::string_view kExtensions[] = {".cc:", ".cpp:", ".cxx:", ".c:", ".h:", ".hpp:"};
  auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  for (std::size_t i = 0; i < line.size(); ++i) {
    for (const std::string_view ext : kExtensions) {
      if (line.compare(i, ext.size(), ext) != 0) continue;
      std::size_t end = i + ext.size();
      if (end >= line.size() || !digit(line[end])) continue;
      while (end < line.size() && digit(line[end])) ++end;
      while (end < line.size() && space(line[end])) ++end;
      std::size_t begin = i;
      while (begin > 0 && !space(line[begin - 1]) && line[begin - 1] != ':') --begin;
      const bool drive = begin >= 2 && line[begin - 1] == ':' && std::isalpha(static_cast<unsigned char>(line[begin - 2])) &&
                         (begin == 2 || space(line[begin - 3]) || line[begin - 3] == ':');
      if (drive) begin -= 2;
      return {begin, end};
    }
  }
  return {std::string::npos, std::string::npos};
}

constexpr const char* kCpu = "CPUExecutionProvider";
constexpr const char* kCuda = "CUDAExecutionProvider";
constexpr const char* kTensorRt = "TensorrtExecutionProvider";

Ort::SessionOptions BaseOptions(int threads, const OnnxSessionTuning& tuning) {
  Ort::SessionOptions options;
  if (!tuning.memory_pattern) options.DisableMemPattern();
  int n = threads;
  if (n <= 0) n = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  options.SetIntraOpNumThreads(n);
  options.SetGraphOptimizationLevel(GraphOptimizationLevel::ORT_ENABLE_ALL);
  return options;
}

}  // namespace

void AppendCudaProvider(Ort::SessionOptions& options) {
  const OrtApi& api = OnnxApi();
  OrtCUDAProviderOptionsV2* cuda = nullptr;
  Ort::ThrowOnError(api.CreateCUDAProviderOptions(&cuda));
  std::unique_ptr<OrtCUDAProviderOptionsV2, decltype(api.ReleaseCUDAProviderOptions)> guard(
      cuda, api.ReleaseCUDAProviderOptions);
  // Heuristic algorithm search: exhaustive search costs seconds per new input shape.
  const char* keys[] = {"cudnn_conv_algo_search", "do_copy_in_default_stream"};
  const char* values[] = {"HEURISTIC", "1"};
  Ort::ThrowOnError(api.UpdateCUDAProviderOptions(cuda, keys, values, 2));
  options.AppendExecutionProvider_CUDA_V2(*cuda);
}

namespace {

std::string TensorRtCacheDir() {
  std::filesystem::path base;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg != nullptr && *xdg != '\0') {
    base = xdg;
  } else if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    base = std::filesystem::path(home) / ".cache";
  } else {
    base = std::filesystem::temp_directory_path();
  }
  const std::filesystem::path dir = base / "prep360" / "tensorrt";
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  return dir.string();
}

void AppendTensorRt(Ort::SessionOptions& options) {
  const OrtApi& api = OnnxApi();
  OrtTensorRTProviderOptionsV2* trt = nullptr;
  Ort::ThrowOnError(api.CreateTensorRTProviderOptions(&trt));
  std::unique_ptr<OrtTensorRTProviderOptionsV2, decltype(api.ReleaseTensorRTProviderOptions)> guard(
      trt, api.ReleaseTensorRTProviderOptions);
  // The first engine build takes minutes: always cache engines.
  const std::string cache = TensorRtCacheDir();
  const char* keys[] = {"trt_engine_cache_enable", "trt_engine_cache_path", "trt_timing_cache_enable"};
  const char* values[] = {"1", cache.c_str(), "1"};
  Ort::ThrowOnError(api.UpdateTensorRTProviderOptions(trt, keys, values, 3));
  options.AppendExecutionProvider_TensorRT_V2(*trt);
}

std::unique_ptr<Ort::Session> MakeSession(const std::string& model_path, const Ort::SessionOptions& options) {
  return std::make_unique<Ort::Session>(OnnxEnv(), model_path.c_str(), options);
}

void CheckModelFile(const std::string& model_path) {
  std::error_code ec;
  if (!std::filesystem::exists(model_path, ec)) throw FileError(model_path, "model file not found");
  if (std::filesystem::is_directory(model_path, ec)) throw FileError(model_path, "is a directory, not an ONNX model");
  std::ifstream in(model_path, std::ios::binary);
  if (!in) throw FileError(model_path, "cannot open the model file");
  if (in.peek() == std::ifstream::traits_type::eof()) {
    throw FileError(model_path, "empty file (0 bytes), not an ONNX model");
  }
}

Error ModelLoadError(const std::string& model_path, const Ort::Exception& e) {
  return FileError(model_path, std::string("not a valid ONNX model, or one ONNX Runtime ") +
                                   OrtGetApiBase()->GetVersionString() + " cannot load (" +
                                   OrtErrorLine(e.what()) + ")");
}

// Length of a C++ signature at the start of `s` ("Status ns::F(const T&, int) const"): a name
// (letters, digits, _ : < > , * & ~ and spaces) up to "(", the balanced parentheses, and a
// trailing " const"; 0 if `s` does not start with one.
std::size_t SignatureLength(std::string_view s) {
  const std::size_t open = s.find('(');
  if (open == 0 || open == std::string_view::npos) return 0;
  for (char c : s.substr(0, open)) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 &&
        std::string_view("_:<>,*&~ ").find(c) == std::string_view::npos) {
      return 0;
    }
  }
  int depth = 0;
  for (std::size_t i = open; i < s.size(); ++i) {
    if (s[i] == '(') ++depth;
    if (s[i] == ')' && --depth == 0) {
      std::size_t end = i + 1;
      if (s.substr(end, 6) == " const") end += 6;
      return end;
    }
  }
  return 0;
}

}  // namespace

std::string OrtErrorLine(const std::string& what) {
  std::string line = what.substr(0, what.find('\n'));
  // "Load model from PATH failed:" repeats the path our message starts with.
  if (line.rfind("Load model from ", 0) == 0) {
    if (const auto failed = line.find(" failed:"); failed != std::string::npos) line.erase(0, failed + 8);
  }
  // Drop ORT's status prefix ("... : FAIL : ").
  if (const auto fail = line.rfind(" : FAIL : "); fail != std::string::npos) line.erase(0, fail + 10);
  // Source locations ("/onnxruntime_src/onnxruntime/core/graph/model.cc:180 ") and the signature
  // of the function that threw.
  for (auto [begin, end] = FindSourceLocation(line); begin != std::string::npos;
       std::tie(begin, end) = FindSourceLocation(line)) {
    end += SignatureLength(std::string_view(line).substr(end));
    while (end < line.size() && line[end] == ' ') ++end;
    line.erase(begin, end - begin);
  }
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())) != 0) line.pop_back();
  return line.empty() ? "no details" : line;
}

OnnxSession CreateOnnxSession(const std::string& model_path, const std::string& device, int threads,
                              const std::function<void(const std::string&)>& warn, const OnnxSessionTuning& tuning) {
  OnnxEnv();  // providers log through the environment's logger: it must exist before they load
  if (device != "auto" && device != "cpu" && device != "cuda" && device != "tensorrt") {
    throw Error("/detect/device: unknown device '" + device + "' (expected auto, cpu, cuda or tensorrt)");
  }
  CheckModelFile(model_path);
  auto say = [&](const std::string& line) {
    if (warn) warn(line);
  };

  std::string wanted;  // the accelerated provider to try, if any
  bool quiet = false;  // auto falls back without a warning
  if (device == "cuda") {
    wanted = kCuda;
  } else if (device == "tensorrt") {
    wanted = kTensorRt;
  } else if (device == "auto" && (ProviderAvailable(kCuda) || CudaPluginAvailable(nullptr))) {
    wanted = kCuda;
    quiet = true;
  }

  if (!wanted.empty()) {
    // A CUDA provider that is a plugin library (detect/cuda_plugin_ep.h) rather than built in.
    std::string plugin_why;
    const bool plugin = wanted == kCuda && !ProviderAvailable(kCuda) && CudaPluginAvailable(&plugin_why);
    const bool plugin_failed = !plugin_why.empty() && plugin_why.rfind("no ", 0) != 0;
    if (!ProviderAvailable(wanted) && !plugin) {
      const std::string problem = plugin_failed && wanted == kCuda
                                      ? wanted + " failed to start (" + OrtErrorLine(plugin_why) + ")"
                                      : "this ONNX Runtime build has no " + wanted;
      if (!quiet) say("device " + device + ": " + problem + "; running on the CPU");
    } else {
      try {
        Ort::SessionOptions options = BaseOptions(threads, tuning);
        if (wanted == kTensorRt) AppendTensorRt(options);
        if (plugin) {
          AppendCudaPlugin(options);
        } else {
          AppendCudaProvider(options);
        }
        return {MakeSession(model_path, options), wanted};
      } catch (const Ort::Exception& e) {
        const std::string what = OrtErrorLine(e.what());
        if (!quiet) say("device " + device + ": " + wanted + " failed to start (" + what + "); running on the CPU");
      }
    }
  }
  try {
    return {MakeSession(model_path, BaseOptions(threads, tuning)), kCpu};
  } catch (const Ort::Exception& e) {
    throw ModelLoadError(model_path, e);
  }
}

}  // namespace prep360
