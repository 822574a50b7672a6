#pragma once
// One inference through an Ort::IoBinding: the input tensor is bound once, so with the CUDA
// provider it reaches the device in one transfer per batch and the model's intermediate tensors
// never leave it; the outputs are bound to CPU memory, so ONNX Runtime copies each result to the
// host once, straight into the tensors returned (the postprocessing runs on the CPU). On the CPU
// provider it computes exactly what Session::Run does.
#include <vector>

#include <onnxruntime_cxx_api.h>

namespace prep360 {

// Runs `session` with `input` as `input_name`; returns the outputs named in `output_names`, in
// that order, in CPU memory. Throws Ort::Exception as Session::Run does.
std::vector<Ort::Value> RunBound(Ort::Session& session, const char* input_name, const Ort::Value& input,
                                 const std::vector<const char*>& output_names);

}  // namespace prep360
