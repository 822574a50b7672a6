#include "prep360/detect/detection_rig.h"

#include <algorithm>
#include <cmath>
#include <string>

#include <oneapi/tbb/parallel_for.h>

namespace prep360 {

Rig DetectionRig(int size_px) {
  Rig rig;
  rig.name = "detection";
  const int size = std::max(64, size_px);
  auto add = [&](double yaw, double pitch) {
    View v;
    v.name = "det" + std::to_string(rig.views.size());
    v.yaw_deg = yaw, v.pitch_deg = pitch, v.hfov_deg = kDetectionHfovDeg;
    v.width = v.height = size;
    rig.views.push_back(v);
  };
  for (int i = 0; i < 8; ++i) add(-180 + 45.0 * i, 0);
  for (const double pitch : {50.0, -50.0}) {
    for (int i = 0; i < 6; ++i) add(-180 + 60.0 * i + 30, pitch);
  }
  add(0, 90);
  add(0, -90);
  return rig;
}

int DetectionViewSizeFor(double px_per_rad) {
  return std::max(64, static_cast<int>(std::ceil(2 * px_per_rad * std::tan(DegToRad(kDetectionHfovDeg / 2)))));
}

DetectionViews::DetectionViews(int size_px, std::shared_ptr<const SourceProjection> projection)
    : rig_(DetectionRig(size_px)), cache_(rig_, Interpolation::kBilinear, std::move(projection)) {
  for (const View& v : rig_.views) rays_.emplace_back(v.Camera(), v.PanoFromCam());
}

Image DetectionViews::Render(const Image& frame, std::size_t view) const {
  const View& v = rig_.views[view];
  Image image(v.width, v.height, frame.channels(), frame.bytes_per_sample());
  Remap(frame, cache_.Get(view, frame.width(), frame.height()), image);
  return image;
}

std::vector<Image> DetectionViews::RenderAll(const Image& frame) const {
  std::vector<Image> views(rig_.views.size());
  tbb::parallel_for(std::size_t{0}, views.size(), [&](std::size_t v) { views[v] = Render(frame, v); });
  return views;
}

bool DetectionViews::TouchesEdge(std::size_t view, double x0, double y0, double x1, double y1) const {
  const View& v = rig_.views[view];
  return x0 < 1 || y0 < 1 || x1 > v.width - 1 || y1 > v.height - 1;
}

}  // namespace prep360
