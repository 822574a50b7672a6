#include "prep360/ocr/ocr_model.h"

#include <onnxruntime_cxx_api.h>

#include "prep360/util/error.h"

namespace prep360 {

OcrModel::OcrModel(const std::string& path, const std::string& device, int threads,
                   const std::function<void(const std::string&)>& warn)
    : path_(path), session_(CreateOnnxSession(path, device, threads, warn, OnnxSessionTuning{.memory_pattern = false})) {
  Ort::Session& s = *session_.session;
  if (s.GetInputCount() != 1 || s.GetOutputCount() != 1) {
    throw FileError(path, "not a PP-OCR model (want one input and one output)");
  }
  Ort::AllocatorWithDefaultOptions allocator;
  input_name_ = s.GetInputNameAllocated(0, allocator).get();
  output_name_ = s.GetOutputNameAllocated(0, allocator).get();
  const Ort::TypeInfo in = s.GetInputTypeInfo(0);
  const Ort::TypeInfo out = s.GetOutputTypeInfo(0);
  if (in.GetONNXType() != ONNX_TYPE_TENSOR || out.GetONNXType() != ONNX_TYPE_TENSOR) {
    throw FileError(path, "not a PP-OCR model (want tensor input and output)");
  }
  const auto in_info = in.GetTensorTypeAndShapeInfo();
  const auto out_info = out.GetTensorTypeAndShapeInfo();
  const std::vector<std::int64_t> in_shape = in_info.GetShape();
  if (in_info.GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT ||
      out_info.GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || in_shape.size() != 4 ||
      (in_shape[1] != 3 && in_shape[1] > 0)) {
    throw FileError(path, "not a PP-OCR model (want a float input [N, 3, H, W] and a float output)");
  }
  const std::vector<std::int64_t> out_shape = out_info.GetShape();
  if (!out_shape.empty()) output_classes_ = out_shape.back();
}

OcrTensor OcrModel::Run(std::vector<float>& input, const std::vector<std::int64_t>& shape) const {
  const Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  Ort::Value tensor = Ort::Value::CreateTensor<float>(memory, input.data(), input.size(), shape.data(), shape.size());
  const char* input_names[] = {input_name_.c_str()};
  const char* output_names[] = {output_name_.c_str()};
  std::vector<Ort::Value> outputs;
  try {
    outputs = session_.session->Run(Ort::RunOptions{nullptr}, input_names, &tensor, 1, output_names, 1);
  } catch (const Ort::Exception& e) {
    throw FileError(path_, "inference failed: " + OrtErrorLine(e.what()));
  }
  const auto info = outputs[0].GetTensorTypeAndShapeInfo();
  OcrTensor result;
  result.shape = info.GetShape();
  result.data = {outputs[0].GetTensorData<float>(), info.GetElementCount()};
  result.value = std::move(outputs[0]);
  return result;
}

}  // namespace prep360
