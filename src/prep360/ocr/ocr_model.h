#pragma once
// One PP-OCR ONNX model (detection, angle classification or recognition): a single float input
// [N, 3, H, W] and a single float output, run on the requested device.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "prep360/detect/onnx_session.h"

namespace prep360 {

// A model output, read where ONNX Runtime wrote it (the recogniser's is N x T x 6625 floats).
struct OcrTensor {
  Ort::Value value{nullptr};   // owns the values
  std::span<const float> data;
  std::vector<std::int64_t> shape;
};

class OcrModel {
 public:
  // Throws FileError(path, ...) when the model is missing, not loadable, or not one float input
  // of rank 4 with 3 channels and one float output.
  OcrModel(const std::string& path, const std::string& device, int threads,
           const std::function<void(const std::string&)>& warn);

  // Runs `input` (shape [N, 3, H, W]); throws FileError(path, ...) on failure.
  OcrTensor Run(std::vector<float>& input, const std::vector<std::int64_t>& shape) const;

  const std::string& path() const { return path_; }
  const std::string& provider() const { return session_.provider; }
  // The output's last dimension as the model declares it (classes), or -1 when dynamic.
  std::int64_t output_classes() const { return output_classes_; }

 private:
  std::string path_;
  OnnxSession session_;
  std::string input_name_, output_name_;
  std::int64_t output_classes_ = -1;
};

}  // namespace prep360
