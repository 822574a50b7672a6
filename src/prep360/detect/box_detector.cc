#include "prep360/detect/box_detector.h"

#include <algorithm>

#include <oneapi/tbb/parallel_for.h>

#include "prep360/detect/face_detector.h"
#include "prep360/detect/segmenter.h"
#include "prep360/models/model_registry.h"
#include "prep360/util/enum_names.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// A path: BlazeFace when it has BlazeFace's inputs and outputs.
bool LooksLikeBlazeFace(const std::string& path) {
  try {
    FaceDetectorOptions options;
    options.model = path;
    options.device = "cpu";
    FaceDetector probe(options);
    return true;
  } catch (const Error&) {
    return false;  // the segmenter says what is wrong with it, if anything
  }
}

}  // namespace

struct BoxDetector::Impl {
  std::unique_ptr<FaceDetector> faces;
  std::shared_ptr<Segmenter> segmenter;
};

BoxDetector::BoxDetector(const SegmenterOptions& options) : impl_(std::make_unique<Impl>()) {
  path_ = ResolveModel(options.detect.model);
  const RegistryModel* named = FindRegistryModel(options.detect.model);
  const bool face = named != nullptr ? named->task == "face-detection" : LooksLikeBlazeFace(path_);
  if (face) {
    FaceDetectorOptions f;
    f.model = path_;
    f.device = std::string(NameOf(options.detect.device));
    f.min_score = std::max(f.min_score, static_cast<float>(options.detect.conf));
    impl_->faces = std::make_unique<FaceDetector>(f);
    return;
  }
  SegmenterOptions s = options;
  s.detect.model = path_;
  impl_->segmenter = s.loaded ? s.loaded : std::make_shared<Segmenter>(s);
  const ModelInfo& info = impl_->segmenter->info();
  const int fixed = std::max(info.input_width, info.input_height);
  input_size_ = fixed > 0 ? fixed : options.detect.input_size;
}

BoxDetector::~BoxDetector() = default;

bool BoxDetector::faces() const { return impl_->faces != nullptr; }

std::string BoxDetector::kind() const { return faces() ? "face" : impl_->segmenter->info().adapter; }

std::string BoxDetector::provider() const {
  return faces() ? impl_->faces->provider() : impl_->segmenter->provider();
}

int BoxDetector::view_size() const { return input_size_; }

std::vector<std::vector<LabelledBox>> BoxDetector::Detect(const std::vector<const Image*>& images) const {
  std::vector<std::vector<LabelledBox>> out(images.size());
  if (faces()) {
    tbb::parallel_for(std::size_t{0}, images.size(), [&](std::size_t i) {
      for (const FaceBox& f : impl_->faces->Detect(*images[i])) out[i].push_back({"face", f.score, f.x0, f.y0, f.x1, f.y1});
    });
    return out;
  }
  const std::vector<SegmentResult> r = impl_->segmenter->Run(images);
  const std::vector<std::string>& names = impl_->segmenter->info().class_names;
  for (std::size_t i = 0; i < r.size(); ++i) {
    for (const Detection& d : r[i].detections) {
      const auto id = static_cast<std::size_t>(d.class_id);
      out[i].push_back({id < names.size() ? names[id] : std::to_string(d.class_id), d.score, d.x0, d.y0, d.x1, d.y1});
    }
  }
  return out;
}

}  // namespace prep360
