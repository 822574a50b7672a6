#include "prep360/gpu/gpu_report.h"

#include <cstdio>

#include "prep360/detect/cuda_plugin_ep.h"
#include "prep360/detect/onnx_env.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/gpu/cuda_device.h"
#include "prep360/gpu/nvdec_probe.h"

namespace prep360 {
namespace {

// "Failed to load library /a/b/libx.so with error: /a/b/libx.so: cannot open ..." -> "libx.so: cannot open ...".
std::string ShortLoadError(const std::string& what) {
  std::string line = what;
  if (const auto at = line.find("with error: "); at != std::string::npos) line.erase(0, at + 12);
  if (const auto colon = line.find(": "); colon != std::string::npos) {
    const auto slash = line.rfind('/', colon);
    if (slash != std::string::npos) line.erase(0, slash + 1);
  }
  return line;
}

std::string CudaProviderProblem() {
  try {
    OnnxEnv();
    Ort::SessionOptions options;
    AppendCudaProvider(options);
  } catch (const std::exception& e) {
    return "provider library does not load (" + ShortLoadError(OrtErrorLine(e.what())) + ")";
  }
  const CudaStatus& cuda = ProbeCuda();
  if (cuda.driver_version == 0) return "no NVIDIA driver found";
  if (cuda.kernels_built && cuda.device_count == 0) return cuda.problem;
  return "";
}

std::string Line(int width, const std::string& name, const std::string& value) {
  char head[64];
  std::snprintf(head, sizeof(head), "%-*s ", width, name.c_str());
  return head + value + "\n";
}

}  // namespace

std::vector<ProviderStart> OrtProviderStarts() {
  std::vector<ProviderStart> out;
  std::string cuda_problem;
  bool cuda_checked = false;
  for (const std::string& p : AvailableProviders()) {
    std::string status = p == "CPUExecutionProvider" ? "starts" : "offered (not checked)";
    if (p == "CUDAExecutionProvider" || p == "TensorrtExecutionProvider") {
      status = "starts";
      if (!cuda_checked) cuda_problem = CudaProviderProblem();
      cuda_checked = true;
      if (!cuda_problem.empty()) status = "cannot start: " + cuda_problem;
    }
    out.push_back({p, status});
  }
  std::string why;  // a CUDA provider shipped as a plugin library (detect/cuda_plugin_ep.h)
  const bool plugin = CudaPluginAvailable(&why);
  if (plugin || why.rfind("no ", 0) != 0) {
    out.push_back({"CUDAExecutionProvider (plugin library)",
                   plugin ? "starts" : "cannot start: " + ShortLoadError(OrtErrorLine(why))});
  }
  return out;
}

std::string GpuReportText(int width) {
  const CudaStatus& cuda = ProbeCuda();
  std::string text;
  text += Line(width, "CUDA kernels",
               cuda.kernels_built ? "built (CUDA runtime " + CudaVersionText(cuda.runtime_version) + ")" : "not built");
  text += Line(width, "CUDA driver",
               cuda.driver_version > 0 ? "supports CUDA " + CudaVersionText(cuda.driver_version) : "none found");
  if (cuda.usable()) {
    char gpu[256];
    std::snprintf(gpu, sizeof(gpu), "%s, %.1f GiB, compute %d.%d (%d device(s))", cuda.device_name.c_str(),
                  static_cast<double>(cuda.memory_bytes) / (1024.0 * 1024.0 * 1024.0), cuda.compute_major,
                  cuda.compute_minor, cuda.device_count);
    text += Line(width, "GPU", gpu);
  } else {
    text += Line(width, "GPU", "none: " + cuda.problem);
  }
  const NvdecStatus& nvdec = ProbeNvdec();
  std::string decode = "not available (" + nvdec.problem + "); decode runs on the CPU";
  if (nvdec.problem.empty()) {
    decode = cuda.kernels_built ? "available: run decodes on the GPU, straight into the remap, with detect.device cuda"
                                : "available, not used: this build has no CUDA kernels; decode runs on the CPU";
  }
  text += Line(width, "NVDEC (libav cuda)", decode);
  for (const ProviderStart& p : OrtProviderStarts()) {
    std::string name = p.provider;
    name.erase(name.find("ExecutionProvider"), 17);
    text += Line(width, "ONNX Runtime " + name, p.status);
  }
  return text;
}

}  // namespace prep360
