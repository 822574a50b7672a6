#include "prep360/detect/onnx_bound_run.h"

namespace prep360 {

std::vector<Ort::Value> RunBound(Ort::Session& session, const char* input_name, const Ort::Value& input,
                                 const std::vector<const char*>& output_names) {
  Ort::IoBinding binding(session);
  binding.BindInput(input_name, input);
  const Ort::MemoryInfo cpu = Ort::MemoryInfo::CreateCpu(OrtDeviceAllocator, OrtMemTypeDefault);
  for (const char* name : output_names) binding.BindOutput(name, cpu);
  binding.SynchronizeInputs();
  session.Run(Ort::RunOptions{nullptr}, binding);
  binding.SynchronizeOutputs();
  return binding.GetOutputValues();
}

}  // namespace prep360
