#include "prep360/detect/classifier.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <tuple>

#include <onnxruntime_cxx_api.h>

#include "prep360/detect/letterbox.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// Scores of one label set, activated as the head says.
std::vector<float> Activate(const float* logits, std::size_t n, ClassifierHead head) {
  std::vector<float> p(logits, logits + n);
  if (head == ClassifierHead::kSigmoid) {
    for (float& v : p) v = 1.0f / (1.0f + std::exp(-v));
  } else if (head == ClassifierHead::kSoftmax) {
    const float top = *std::max_element(p.begin(), p.end());
    double sum = 0;
    for (float& v : p) sum += (v = std::exp(v - top));
    for (float& v : p) v = static_cast<float>(v / sum);
  }
  return p;
}

// The labels to report from one set of scores, best first.
std::vector<LabelScore> Select(const std::vector<float>& p, const ClassifierConfig& c) {
  std::vector<std::size_t> order(p.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return p[a] > p[b]; });
  const std::size_t keep = c.head == ClassifierHead::kSoftmax ? std::min(order.size(), static_cast<std::size_t>(c.top_k))
                                                              : order.size();
  std::vector<LabelScore> out;
  for (std::size_t i = 0; i < keep; ++i) {
    if (p[order[i]] >= c.threshold) out.push_back({c.labels[order[i]], p[order[i]]});
  }
  return out;
}

// The number of values after the batch dimension; -1 when one of them is dynamic.
std::int64_t PerImage(const std::vector<std::int64_t>& shape) {
  std::int64_t n = 1;
  for (std::size_t i = 1; i < shape.size(); ++i) {
    if (shape[i] <= 0) return -1;
    n *= shape[i];
  }
  return n;
}

}  // namespace

struct Classifier::Impl {
  std::string path;
  ClassifierConfig config;
  OnnxSession session;
  std::string input_name, output_name;
  bool nhwc = false;
  int width = 0, height = 0;
  std::size_t scores = 0;  // per image: labels x cells

  void Inspect(const std::string& config_path);
  std::vector<float> Tensor(const Image& image) const;
};

void Classifier::Impl::Inspect(const std::string& config_path) {
  Ort::Session& s = *session.session;
  if (s.GetInputCount() != 1 || s.GetOutputCount() < 1) throw FileError(path, "not a classifier (want one input)");
  Ort::AllocatorWithDefaultOptions allocator;
  input_name = s.GetInputNameAllocated(0, allocator).get();
  output_name = s.GetOutputNameAllocated(0, allocator).get();
  const Ort::TypeInfo in_type = s.GetInputTypeInfo(0);  // outlives the shape info that points into it
  const auto in = in_type.GetTensorTypeAndShapeInfo();
  const std::vector<std::int64_t> shape = in.GetShape();
  if (in.GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || shape.size() != 4 || (shape[1] != 3 && shape[3] != 3)) {
    throw FileError(path, "not an image classifier (want a float input [N, 3, H, W] or [N, H, W, 3])");
  }
  nhwc = shape[1] != 3;
  const std::int64_t model_h = nhwc ? shape[1] : shape[2], model_w = nhwc ? shape[2] : shape[3];
  for (const auto& [model, json, name] : {std::tuple{model_w, &config.width, "width"}, {model_h, &config.height, "height"}}) {
    if (model > 0 && *json > 0 && model != *json) {
      throw FileError(config_path, std::string("/input/") + name + " is " + std::to_string(*json) + " but the model's is " +
                                       std::to_string(model));
    }
    if (model <= 0 && *json <= 0) {
      throw FileError(config_path, std::string("/input/") + name + " is needed: the model's input size is dynamic");
    }
  }
  width = model_w > 0 ? static_cast<int>(model_w) : config.width;
  height = model_h > 0 ? static_cast<int>(model_h) : config.height;
  scores = config.labels.size() * std::max<std::size_t>(1, config.cells.size());
  const Ort::TypeInfo out_type = s.GetOutputTypeInfo(0);
  const std::vector<std::int64_t> out = out_type.GetTensorTypeAndShapeInfo().GetShape();
  const std::int64_t per_image = PerImage(out);
  if (per_image > 0 && static_cast<std::size_t>(per_image) != scores) {
    throw FileError(path, "gives " + std::to_string(per_image) + " scores per image but " + config_path + " wants " +
                              std::to_string(scores) + " (labels x cells)");
  }
}

std::vector<float> Classifier::Impl::Tensor(const Image& image) const {
  Letterbox plan;  // stretched to the input: no padding
  plan.source_width = image.width();
  plan.source_height = image.height();
  plan.resized_width = plan.target_width = width;
  plan.resized_height = plan.target_height = height;
  plan.scale_x = static_cast<double>(width) / image.width();
  plan.scale_y = static_cast<double>(height) / image.height();
  const std::size_t plane = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
  std::vector<float> chw(3 * plane);
  LetterboxImage(image, plan, chw.data());
  for (std::size_t c = 0; c < 3; ++c) {
    const auto mean = static_cast<float>(config.mean[c]), inv_std = static_cast<float>(1 / config.std[c]);
    for (std::size_t i = 0; i < plane; ++i) chw[c * plane + i] = (chw[c * plane + i] - mean) * inv_std;
  }
  if (config.bgr) std::swap_ranges(chw.begin(), chw.begin() + static_cast<std::ptrdiff_t>(plane), chw.begin() + 2 * static_cast<std::ptrdiff_t>(plane));
  if (!nhwc) return chw;
  std::vector<float> hwc(chw.size());
  for (std::size_t i = 0; i < plane; ++i) {
    for (std::size_t c = 0; c < 3; ++c) hwc[i * 3 + c] = chw[c * plane + i];
  }
  return hwc;
}

Classifier::Classifier(const std::string& model_path, const std::string& config_path, const std::string& device,
                       int threads, const std::function<void(const std::string&)>& warn)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = model_path;
  const std::string json = config_path.empty() ? ClassifierConfigPath(model_path) : config_path;
  impl_->session = CreateOnnxSession(model_path, device, threads, warn);
  impl_->config = LoadClassifierConfig(json);
  impl_->Inspect(json);
}

Classifier::~Classifier() = default;

const ClassifierConfig& Classifier::config() const { return impl_->config; }
std::string Classifier::provider() const { return impl_->session.provider; }
std::pair<int, int> Classifier::input_size() const { return {impl_->width, impl_->height}; }

ClassifyResult Classifier::Classify(const Image& image, int width, int height, double* inference_s) const {
  if (image.empty()) throw Error("classify: empty image");
  const Impl& m = *impl_;
  std::vector<float> input = m.Tensor(image);
  const std::int64_t shape[4] = {1, m.nhwc ? m.height : 3, m.nhwc ? m.width : m.height, m.nhwc ? 3 : m.width};
  const Ort::MemoryInfo memory = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  Ort::Value tensor = Ort::Value::CreateTensor<float>(memory, input.data(), input.size(), shape, 4);
  const char* inputs[] = {m.input_name.c_str()};
  const char* outputs[] = {m.output_name.c_str()};
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<Ort::Value> out;
  try {
    out = m.session.session->Run(Ort::RunOptions{nullptr}, inputs, &tensor, 1, outputs, 1);
  } catch (const Ort::Exception& e) {
    throw FileError(m.path, "inference failed: " + OrtErrorLine(e.what()));
  }
  if (inference_s != nullptr) *inference_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const auto info = out[0].GetTensorTypeAndShapeInfo();
  if (info.GetElementType() != ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT || info.GetElementCount() != m.scores) {
    throw FileError(m.path, "gave " + std::to_string(info.GetElementCount()) + " scores for an image, want " +
                                std::to_string(m.scores) + " (labels x cells)");
  }
  const float* data = out[0].GetTensorData<float>();
  const std::size_t n = m.config.labels.size();
  ClassifyResult result;
  if (m.config.cells.empty()) {
    result.labels = Select(Activate(data, n, m.config.head), m.config);
    return result;
  }
  for (std::size_t k = 0; k < m.config.cells.size(); ++k) {
    const ClassifierCell& c = m.config.cells[k];
    result.cells.push_back({static_cast<int>(k), static_cast<float>(c.x0 * width), static_cast<float>(c.y0 * height),
                            static_cast<float>(c.x1 * width), static_cast<float>(c.y1 * height),
                            Select(Activate(data + k * n, n, m.config.head), m.config)});
  }
  return result;
}

}  // namespace prep360
