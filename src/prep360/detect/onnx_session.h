#pragma once
// An ONNX Runtime session on the requested device, falling back to the CPU with a warning when
// the device's execution provider is missing or fails to start.
#include <functional>
#include <memory>
#include <string>

#include <onnxruntime_cxx_api.h>

namespace prep360 {

struct OnnxSession {
  std::unique_ptr<Ort::Session> session;
  std::string provider;  // what runs: "CPUExecutionProvider", "CUDAExecutionProvider", ...
};

// device: "auto" (CUDA when this build offers it, else CPU, silently), "cpu", "cuda", "tensorrt"
// (TensorRT with CUDA behind it for unsupported nodes; engine cache in ~/.cache/prep360/tensorrt).
// threads: intra-op threads, 0 = all hardware threads. `warn` gets one line per fallback.
// Throws Error for an unknown device, FileError(model_path, ...) (one line) when the file is
// missing, empty, or not a model ONNX Runtime can load.
// One line of an ONNX Runtime error message for ours: its first line, without "Load model from
// PATH failed:", source locations ("/onnxruntime_src/...cc:180") or the C++ signatures after them.
std::string OrtErrorLine(const std::string& what);

// Adds the CUDA execution provider (heuristic cuDNN algorithm search) to `options`; throws
// Ort::Exception when the provider library cannot be loaded.
void AppendCudaProvider(Ort::SessionOptions& options);

// How ONNX Runtime plans a session's memory.
struct OnnxSessionTuning {
  // Plan each input shape's intermediate buffers as one block (ONNX Runtime's memory pattern).
  // Off, each tensor comes from the arena as it is needed: less CPU for models run on many input
  // shapes or on large ones (PP-OCR detection at 960x544: about 20 % less, docs/performance.md).
  bool memory_pattern = true;
};

OnnxSession CreateOnnxSession(const std::string& model_path, const std::string& device, int threads,
                              const std::function<void(const std::string&)>& warn,
                              const OnnxSessionTuning& tuning = {});

}  // namespace prep360
