#pragma once
// The GPU lines of `prep360 info`: whether the CUDA kernels were built, the driver and GPU found,
// NVDEC through libav, and which ONNX Runtime execution providers can start here.
#include <string>
#include <vector>

namespace prep360 {

struct ProviderStart {
  std::string provider;  // "CPUExecutionProvider", ...
  std::string status;    // "starts", or why it cannot
};

// Every provider this ONNX Runtime offers and whether a session could use it: the CPU always;
// CUDA (and TensorRT, which runs on it) when the provider library loads and a CUDA device is found.
std::vector<ProviderStart> OrtProviderStarts();

// "NAME  VALUE" lines, names padded to `width` columns.
std::string GpuReportText(int width);

}  // namespace prep360
