#include "prep360/detect/sphere_faces.h"

#include <algorithm>
#include <cmath>
#include <mutex>
#include <numbers>
#include <tuple>

#include <oneapi/tbb/parallel_for.h>

#include "prep360/detect/detection_rig.h"
#include "prep360/detect/face_blur.h"

namespace prep360 {
namespace {

constexpr int kOutlinePoints = 24;

double Angle(const Vec3& a, const Vec3& b) { return std::acos(std::clamp(a.Dot(b), -1.0, 1.0)); }

// The face's blur ellipse in detection-view pixels, lifted onto the sphere.
SphereFace Lift(const FaceBox& face, const ViewRays& rays) {
  const BlurRegion r = FaceBlurRegion(face);
  SphereFace s;
  s.centre = rays.Ray(r.cx, r.cy).Normalized();
  s.score = face.score;
  for (int i = 0; i < kOutlinePoints; ++i) {
    const double t = 2 * std::numbers::pi * i / kOutlinePoints;
    const Vec3 d = rays.Ray(r.cx + r.rx * std::cos(t), r.cy + r.ry * std::sin(t)).Normalized();
    s.outline.push_back(d);
    s.radius_rad = std::max(s.radius_rad, Angle(s.centre, d));
  }
  return s;
}

}  // namespace

Rig FaceDetectionRig(double px_per_rad) {
  Rig rig = DetectionRig(DetectionViewSizeFor(px_per_rad));
  rig.name = "face-detection";
  return rig;
}

std::vector<SphereFace> MergeSphereFaces(std::vector<SphereFace> faces) {
  std::stable_sort(faces.begin(), faces.end(), [](const SphereFace& a, const SphereFace& b) { return a.score > b.score; });
  std::vector<SphereFace> kept;
  for (SphereFace& f : faces) {
    const bool seen = std::any_of(kept.begin(), kept.end(), [&](const SphereFace& k) {
      return Angle(k.centre, f.centre) < 0.5 * std::max(k.radius_rad, f.radius_rad);
    });
    if (!seen) kept.push_back(std::move(f));
  }
  return kept;
}

std::vector<BlurRegion> FaceRegionsInView(const std::vector<SphereFace>& faces, const ViewRays& view) {
  const Pinhole& cam = view.camera;
  const double half_diagonal = std::atan(std::hypot(cam.width / (2 * cam.fx), cam.height / (2 * cam.fy)));
  std::vector<BlurRegion> regions;
  for (const SphereFace& f : faces) {
    if (Angle(f.centre, view.centre) > half_diagonal + f.radius_rad) continue;
    double cx = 0, cy = 0;
    if (!view.Project(f.centre, &cx, &cy)) continue;
    double rx = 0, ry = 0;
    bool all_in_front = true;
    for (const Vec3& d : f.outline) {
      double x = 0, y = 0;
      if (!view.Project(d, &x, &y)) {
        all_in_front = false;
        break;
      }
      rx = std::max(rx, std::abs(x - cx));
      ry = std::max(ry, std::abs(y - cy));
    }
    if (!all_in_front) continue;  // a face beside or behind the camera plane: not in this image
    regions.push_back({cx, cy, rx * 1.05, ry * 1.05});
  }
  return regions;
}

struct SphereFaceDetector::Impl {
  FaceDetector detector;
  DetectionViews views;

  Impl(const FaceDetectorOptions& options, double px_per_rad, std::shared_ptr<const SourceProjection> projection)
      : detector(options), views(DetectionViewSizeFor(px_per_rad), std::move(projection)) {}
};

SphereFaceDetector::SphereFaceDetector(const FaceDetectorOptions& options, double px_per_rad,
                                       std::shared_ptr<const SourceProjection> projection)
    : impl_(std::make_unique<Impl>(options, px_per_rad, std::move(projection))) {}

SphereFaceDetector::~SphereFaceDetector() = default;

std::string SphereFaceDetector::provider() const { return impl_->detector.provider(); }

std::vector<SphereFace> SphereFaceDetector::Detect(const Image& equirect) const {
  std::vector<SphereFace> found;
  std::mutex mutex;
  const DetectionViews& views = impl_->views;
  tbb::parallel_for(std::size_t{0}, views.size(), [&](std::size_t v) {
    const Image image = views.Render(equirect, v);
    std::vector<SphereFace> mine;
    for (const FaceBox& face : impl_->detector.Detect(image)) {
      // A face cut by this view's edge is whole in a neighbouring view (they overlap).
      if (views.TouchesEdge(v, face.x0, face.y0, face.x1, face.y1)) continue;
      mine.push_back(Lift(face, views.rays(v)));
    }
    std::lock_guard<std::mutex> lock(mutex);
    found.insert(found.end(), mine.begin(), mine.end());
  });
  // Deterministic order before merging (threads finish in any order).
  std::sort(found.begin(), found.end(), [](const SphereFace& a, const SphereFace& b) {
    return std::tie(a.centre.x, a.centre.y, a.centre.z) < std::tie(b.centre.x, b.centre.y, b.centre.z);
  });
  return MergeSphereFaces(std::move(found));
}

}  // namespace prep360
