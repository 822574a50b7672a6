#pragma once
// The service's warm models: each `--model NAME=PATH` is loaded once (at start, or on first use
// when lazy) and the loaded segmenter is shared by every job and one-shot call with the same
// detect settings; the device is picked by the segmenter (detect.device auto, CPU fallback).
// Jobs whose detect settings differ (other classes or thresholds) load that variant once too.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "prep360/detect/segmenter.h"
#include "prep360/job/settings_json.h"

namespace prep360 {
class FaceDetector;
class OcrPipeline;
}  // namespace prep360

namespace prep360::serve {

struct ModelSpec {
  std::string name;
  std::string path;
};

// "NAME=PATH" -> spec. Throws Error for a missing '=' or an empty name or path.
ModelSpec ParseModelSpec(const std::string& text);

class ModelPool {
 public:
  // Eager (lazy = false): loads every model now; throws Error naming a bad model file.
  ModelPool(std::vector<ModelSpec> models, bool lazy, std::function<void(const std::string&)> warn);

  // The model registered as `name`, or nullptr.
  const ModelSpec* Find(const std::string& name) const;
  // A loaded segmenter for `detect` (detect.model: a file path), loaded on first use.
  std::shared_ptr<Segmenter> Get(const DetectSettings& detect);
  // The named model with the default detect settings ("" = the first model). Throws Error for an
  // unknown name or when no model is configured.
  std::shared_ptr<Segmenter> Named(const std::string& name);
  // The default detect settings of a named model.
  DetectSettings DefaultsFor(const ModelSpec& spec) const;

  // [{"name", "path", "loaded", "task", "adapter", "input_width", "input_height", "classes",
  //   "provider", "load_s"}].
  Json List();
  std::size_t loads() const;  // segmenters loaded so far (the model is never reloaded)

  // Registry models of other kinds, loaded on first use and then shared: a BlazeFace detector
  // (a registry name such as "face", or a BlazeFace file) and the PP-OCR pipeline (ocr-det,
  // ocr-rec, ocr-cls). Throw Error naming scripts/bootstrap when a model is not installed.
  std::shared_ptr<const FaceDetector> Faces(const std::string& name_or_path);
  std::shared_ptr<const OcrPipeline> Ocr();

 private:
  struct Loaded {
    std::shared_ptr<Segmenter> segmenter;
    double load_s = 0;
  };
  Loaded& LoadLocked(const DetectSettings& detect);

  std::vector<ModelSpec> models_;
  std::function<void(const std::string&)> warn_;
  mutable std::mutex mutex_;
  std::map<std::string, Loaded> loaded_;  // by the detect settings' JSON
  std::map<std::string, std::shared_ptr<const FaceDetector>> faces_;  // by name or path
  std::shared_ptr<const OcrPipeline> ocr_;
};

}  // namespace prep360::serve
