#include "prep360/serve/model_pool.h"

#include <chrono>

#include "prep360/detect/face_detector.h"
#include "prep360/detect/sphere_text.h"
#include "prep360/job/job_options.h"
#include "prep360/ocr/ocr_pipeline.h"
#include "prep360/util/error.h"

namespace prep360::serve {

ModelSpec ParseModelSpec(const std::string& text) {
  const auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0 || eq + 1 == text.size())
    throw Error("model '" + text + "': expected NAME=PATH");
  return ModelSpec{text.substr(0, eq), text.substr(eq + 1)};
}

ModelPool::ModelPool(std::vector<ModelSpec> models, bool lazy, std::function<void(const std::string&)> warn)
    : models_(std::move(models)), warn_(std::move(warn)) {
  if (lazy) return;
  for (const ModelSpec& m : models_) {
    const std::lock_guard<std::mutex> lock(mutex_);
    LoadLocked(DefaultsFor(m));
  }
}

const ModelSpec* ModelPool::Find(const std::string& name) const {
  for (const ModelSpec& m : models_) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

DetectSettings ModelPool::DefaultsFor(const ModelSpec& spec) const {
  DetectSettings d;
  d.model = spec.path;
  return d;
}

ModelPool::Loaded& ModelPool::LoadLocked(const DetectSettings& detect) {
  const std::string key = SettingsToJson(detect).dump();
  const auto it = loaded_.find(key);
  if (it != loaded_.end()) return it->second;
  const auto start = std::chrono::steady_clock::now();
  SegmenterOptions options = SegmenterOptionsFor(detect, 0);
  options.warn = warn_;
  Loaded entry;
  entry.segmenter = std::make_shared<Segmenter>(options);
  entry.load_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return loaded_.emplace(key, std::move(entry)).first->second;
}

std::shared_ptr<Segmenter> ModelPool::Get(const DetectSettings& detect) {
  const std::lock_guard<std::mutex> lock(mutex_);
  return LoadLocked(detect).segmenter;
}

std::shared_ptr<const FaceDetector> ModelPool::Faces(const std::string& name_or_path) {
  const std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = faces_[name_or_path];
  if (!slot) {
    FaceDetectorOptions options;
    options.model = name_or_path;
    slot = std::make_shared<const FaceDetector>(options);
  }
  return slot;
}

std::shared_ptr<const OcrPipeline> ModelPool::Ocr() {
  const std::lock_guard<std::mutex> lock(mutex_);
  if (!ocr_) {
    const OcrSettings settings;
    ocr_ = std::make_shared<const OcrPipeline>(OcrModelPathsFor(settings), OcrOptionsFor(settings, "auto", 0), warn_);
  }
  return ocr_;
}

std::shared_ptr<Segmenter> ModelPool::Named(const std::string& name) {
  if (models_.empty()) throw Error("no model: start the service with a model (NAME=PATH)");
  const ModelSpec* spec = name.empty() ? &models_.front() : Find(name);
  if (spec == nullptr) throw Error("model '" + name + "': no such model");
  return Get(DefaultsFor(*spec));
}

Json ModelPool::List() {
  Json list = Json::array();
  const std::lock_guard<std::mutex> lock(mutex_);
  for (const ModelSpec& m : models_) {
    Json j = {{"name", m.name}, {"path", m.path}};
    const auto it = loaded_.find(SettingsToJson(DefaultsFor(m)).dump());
    j["loaded"] = it != loaded_.end();
    if (it != loaded_.end()) {
      const ModelInfo& info = it->second.segmenter->info();
      j["task"] = info.task == ModelTask::kSegment ? "segment" : "detect";
      j["adapter"] = info.adapter;
      j["input_width"] = info.input_width;
      j["input_height"] = info.input_height;
      j["classes"] = info.class_names.size();
      j["provider"] = it->second.segmenter->provider();
      j["load_s"] = it->second.load_s;
    }
    list.push_back(std::move(j));
  }
  return list;
}

std::size_t ModelPool::loads() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return loaded_.size();
}

}  // namespace prep360::serve
