#include "prep360/mask/frame_masker.h"

#include <algorithm>
#include <chrono>

#include <oneapi/tbb/parallel_for.h>

#include "prep360/detect/detection_rig.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/mask/sphere_mask.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using Clock = std::chrono::steady_clock;

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// The side of the detection views: the model's input (its long side; detect.input_size when the
// model takes any size), so the letterbox passes them through unscaled.
int DetectionViewSize(const Segmenter& segmenter, const SegmenterOptions& options) {
  const ModelInfo& info = segmenter.info();
  const int fixed = std::max(info.input_width, info.input_height);
  return fixed > 0 ? fixed : options.detect.input_size;
}

}  // namespace

struct FrameMasker::Sphere {
  SphereMasker masker;                       // the output rig
  std::size_t output_views = 0;
  std::unique_ptr<DetectionViews> views;     // the detection rig, with a model
  std::unique_ptr<SphereMasker> detections;  // its masks onto the sphere
};

FrameMasker::FrameMasker(const Rig& rig, int eq_width, const MaskingOptions& options,
                         std::shared_ptr<const SourceProjection> projection)
    : options_(options) {
  if (options.mask.objects) {
    segmenter_ = options.segmenter.loaded ? options.segmenter.loaded : std::make_shared<Segmenter>(options.segmenter);
  }
  const int width = eq_width + eq_width % 2;
  if (options.mask.ObjectMasks()) sphere_ = std::make_unique<Sphere>(Sphere{SphereMasker(rig, width), rig.views.size(), nullptr, nullptr});
  if (segmenter_ && sphere_) {
    sphere_->views = std::make_unique<DetectionViews>(DetectionViewSize(*segmenter_, options.segmenter), std::move(projection));
    sphere_->detections = std::make_unique<SphereMasker>(sphere_->views->rig(), width);
  }
  if (options.mask.ownership) {
    ownership_.resize(rig.views.size());
    tbb::parallel_for(std::size_t{0}, rig.views.size(), [&](std::size_t v) { ownership_[v] = OwnershipMask(rig, v); });
  }
}

FrameMasker::~FrameMasker() = default;

std::string FrameMasker::provider() const { return segmenter_ ? segmenter_->provider() : std::string(); }

std::vector<Image> FrameMasker::ObjectMasks(const Image& frame, MaskPhaseTimes& times) const {
  Image sphere = SphereObjects(frame, times);
  const auto start = Clock::now();
  if (options_.mask.nadir >= 0) SphereMasker::AddNadir(sphere, options_.mask.nadir);
  std::vector<Image> masks = sphere_->masker.ToViews(sphere);
  times.merge_s += Since(start);
  return masks;
}

Image FrameMasker::SphereObjects(const Image& frame, MaskPhaseTimes& times) const {
  Image sphere;
  if (segmenter_) {
    const auto render = Clock::now();
    const std::vector<Image> views = sphere_->views->RenderAll(frame);
    times.model.preprocess_s += Since(render);
    std::vector<const Image*> pointers;
    for (const Image& v : views) pointers.push_back(&v);
    const std::vector<SegmentResult> detected = segmenter_->Run(pointers, &times.model);
    const auto start = Clock::now();
    std::vector<const Image*> object(views.size(), nullptr);
    for (std::size_t v = 0; v < detected.size(); ++v) {
      if (!detected[v].detections.empty()) object[v] = &detected[v].mask;
    }
    sphere = sphere_->detections->ToEquirect(object);
    times.merge_s += Since(start);
  } else {
    sphere = sphere_->masker.ToEquirect(std::vector<const Image*>(sphere_->output_views, nullptr));
  }
  return sphere;
}

Image FrameMasker::Dilated(const Image& object_mask) const {
  Image dilated = object_mask.Clone();
  DilateMask(dilated, options_.mask.dilate);
  return dilated;
}

std::optional<Image> FrameMasker::ObjectMaskFile(Image file) const {
  return MaskFile(std::move(file), options_.mask.style, options_.mask.invert);
}

Image FrameMasker::SfmMaskFile(const Image& dilated_objects, std::size_t view) const {
  Image file = ownership_.at(view).Clone();
  if (dilated_objects.empty()) return file;
  for (int y = 0; y < file.height(); ++y) {
    std::uint8_t* keep = file.Row(y);
    const std::uint8_t* obj = dilated_objects.Row(y);
    for (int x = 0; x < file.width(); ++x) {
      if (obj[x] != 0) keep[x] = 0;
    }
  }
  return file;
}

}  // namespace prep360
