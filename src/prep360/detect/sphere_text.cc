#include "prep360/detect/sphere_text.h"

#include <oneapi/tbb/parallel_for.h>

#include "prep360/detect/detection_rig.h"
#include "prep360/models/model_registry.h"
#include "prep360/ocr/ocr_pipeline.h"
#include "prep360/util/error.h"

namespace prep360 {
OcrModelPaths OcrModelPathsFor(const OcrSettings& s) {
  OcrModelPaths m;
  m.detector = ResolveModel(s.det_model);
  m.recognizer = ResolveModel(s.rec_model);
  if (s.angle) m.angle = ResolveModel(s.cls_model);
  m.dictionary = s.dictionary;
  if (m.dictionary.empty()) {
    if (FindRegistryModel(s.rec_model) == nullptr) {
      throw Error("/ocr/dictionary: required when /ocr/rec_model is a path (" + s.rec_model + ")");
    }
    const RegistryModel* rec = FindRegistryModel("ocr-rec");
    m.dictionary = InstalledPath(*rec, rec->companion).string();
  }
  return m;
}

OcrOptions OcrOptionsFor(const OcrSettings& s, const std::string& device, int threads) {
  OcrOptions o;
  o.device = device;
  o.threads = threads;
  o.detector.max_side = s.max_side;
  o.detector.db.unclip_ratio = s.unclip;
  o.min_score = static_cast<float>(s.min_score);
  return o;
}

struct SphereTextReader::Impl {
  OcrPipeline pipeline;
  DetectionViews views;

  Impl(const OcrSettings& s, const std::string& device, double px_per_rad, std::shared_ptr<const SourceProjection> p)
      // One thread per model: the detection views are read in parallel, one thread each.
      : pipeline(OcrModelPathsFor(s), OcrOptionsFor(s, device, 1), [](const std::string&) {}),
        views(DetectionViewSizeFor(px_per_rad), std::move(p)) {}
};

SphereTextReader::SphereTextReader(const OcrSettings& settings, const std::string& device, double px_per_rad,
                                   std::shared_ptr<const SourceProjection> projection)
    : impl_(std::make_unique<Impl>(settings, device, px_per_rad, std::move(projection))) {}

SphereTextReader::~SphereTextReader() = default;

std::string SphereTextReader::provider() const { return impl_->pipeline.provider(); }

std::vector<SphereObject> SphereTextReader::Read(const Image& frame) const {
  const DetectionViews& views = impl_->views;
  std::vector<std::vector<SphereObject>> per_view(views.size());
  tbb::parallel_for(std::size_t{0}, views.size(), [&](std::size_t v) {
    const Image image = views.Render(frame, v);
    for (const OcrText& t : impl_->pipeline.Read(image)) {
      std::vector<std::array<double, 2>> corners;
      double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
      for (const Point2& p : t.quad) {
        corners.push_back({p.x, p.y});
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
      }
      per_view[v].push_back(LiftPolygon(t.text, t.score, corners, views.rays(v), !views.TouchesEdge(v, x0, y0, x1, y1)));
    }
  });
  std::vector<SphereObject> found;  // in view order: deterministic
  for (auto& lines : per_view) found.insert(found.end(), lines.begin(), lines.end());
  return MergeSphereObjects(std::move(found));
}

}  // namespace prep360
