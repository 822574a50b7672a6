#include "prep360/detect/sphere_objects.h"

#include <algorithm>
#include <cmath>

#include "prep360/detect/detection_rig.h"

namespace prep360 {
namespace {

constexpr int kEdgeSamples = 4;  // outline points per box edge

double Angle(const Vec3& a, const Vec3& b) { return std::acos(std::clamp(a.Dot(b), -1.0, 1.0)); }

}  // namespace

SphereObject LiftPolygon(const std::string& label, float score, const std::vector<std::array<double, 2>>& corners,
                         const ViewRays& rays, bool whole) {
  SphereObject s;
  s.label = label;
  s.score = score;
  s.whole = whole;
  double cx = 0, cy = 0;
  for (const auto& c : corners) cx += c[0], cy += c[1];
  const auto n = static_cast<double>(corners.size());
  s.centre = rays.Ray(cx / n, cy / n).Normalized();
  for (std::size_t corner = 0; corner < corners.size(); ++corner) {
    const auto& a = corners[corner];
    const auto& b = corners[(corner + 1) % corners.size()];
    for (int i = 0; i < kEdgeSamples; ++i) {
      const double t = static_cast<double>(i) / kEdgeSamples;
      s.outline.push_back(rays.Ray(a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])).Normalized());
      s.radius_rad = std::max(s.radius_rad, Angle(s.centre, s.outline.back()));
    }
  }
  return s;
}

SphereObject LiftBox(const LabelledBox& box, const ViewRays& rays, bool whole) {
  return LiftPolygon(box.label, box.score, {{box.x0, box.y0}, {box.x1, box.y0}, {box.x1, box.y1}, {box.x0, box.y1}},
                     rays, whole);
}

std::vector<SphereObject> MergeSphereObjects(std::vector<SphereObject> objects) {
  std::stable_sort(objects.begin(), objects.end(), [](const SphereObject& a, const SphereObject& b) {
    return a.whole != b.whole ? a.whole : a.score > b.score;
  });
  std::vector<SphereObject> kept;
  for (SphereObject& o : objects) {
    const bool seen = std::any_of(kept.begin(), kept.end(), [&](const SphereObject& k) {
      const double apart = Angle(k.centre, o.centre);
      if (k.label == o.label && apart < 0.5 * std::max(k.radius_rad, o.radius_rad)) return true;
      return k.whole && !o.whole && apart < std::max(k.radius_rad, o.radius_rad);
    });
    if (!seen) kept.push_back(std::move(o));
  }
  return kept;
}

bool ObjectBoxInView(const SphereObject& object, const ViewRays& view, float box[4]) {
  const Pinhole& cam = view.camera;
  const double half_diagonal = std::atan(std::hypot(cam.width / (2 * cam.fx), cam.height / (2 * cam.fy)));
  if (Angle(object.centre, view.centre) > half_diagonal + object.radius_rad) return false;
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  for (const Vec3& d : object.outline) {
    double x = 0, y = 0;
    if (!view.Project(d, &x, &y)) return false;  // beside or behind the camera plane
    x0 = std::min(x0, x), y0 = std::min(y0, y), x1 = std::max(x1, x), y1 = std::max(y1, y);
  }
  x0 = std::max(x0, 0.0), y0 = std::max(y0, 0.0);
  x1 = std::min(x1, static_cast<double>(cam.width)), y1 = std::min(y1, static_cast<double>(cam.height));
  if (x1 - x0 < 1 || y1 - y0 < 1) return false;
  box[0] = static_cast<float>(x0), box[1] = static_cast<float>(y0);
  box[2] = static_cast<float>(x1), box[3] = static_cast<float>(y1);
  return true;
}

struct SphereDetector::Impl {
  BoxDetector detector;
  DetectionViews views;

  Impl(const SegmenterOptions& options, double px_per_rad, std::shared_ptr<const SourceProjection> projection)
      : detector(options),
        views(detector.view_size() > 0 ? detector.view_size() : DetectionViewSizeFor(px_per_rad), std::move(projection)) {}
};

SphereDetector::SphereDetector(const SegmenterOptions& options, double px_per_rad,
                               std::shared_ptr<const SourceProjection> projection)
    : impl_(std::make_unique<Impl>(options, px_per_rad, std::move(projection))) {}

SphereDetector::~SphereDetector() = default;

const BoxDetector& SphereDetector::detector() const { return impl_->detector; }

std::vector<SphereObject> SphereDetector::Detect(const Image& frame) const {
  const DetectionViews& views = impl_->views;
  const std::vector<Image> images = views.RenderAll(frame);
  std::vector<const Image*> pointers;
  for (const Image& im : images) pointers.push_back(&im);
  const std::vector<std::vector<LabelledBox>> boxes = impl_->detector.Detect(pointers);
  std::vector<SphereObject> found;  // in view order: deterministic
  for (std::size_t v = 0; v < boxes.size(); ++v) {
    for (const LabelledBox& b : boxes[v]) {
      found.push_back(LiftBox(b, views.rays(v), !views.TouchesEdge(v, b.x0, b.y0, b.x1, b.y1)));
    }
  }
  return MergeSphereObjects(std::move(found));
}

}  // namespace prep360
