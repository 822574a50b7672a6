#include "prep360/export/frame_poses.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace prep360 {

std::vector<std::optional<FramePose>> FramePosesFromModel(const ColmapModel& model, const DatasetContents& dataset) {
  std::map<std::string, const ColmapImage*> by_name;
  for (const auto& [id, im] : model.images) by_name[im.name] = &im;
  std::vector<std::optional<FramePose>> out;
  for (const std::string& frame : dataset.frames) {
    Quaternion sum{0, 0, 0, 0};
    Vec3 centre;
    int n = 0;
    for (const View& view : dataset.rig.views) {
      const auto it = by_name.find(dataset.ImageName(view.name, frame));
      if (it == by_name.end()) continue;
      const Quaternion q = QuaternionFromMatrix(view.PanoFromCam() * it->second->CamFromWorld());
      const double sign = n == 0 || sum.w * q.w + sum.x * q.x + sum.y * q.y + sum.z * q.z >= 0 ? 1.0 : -1.0;
      sum = {sum.w + sign * q.w, sum.x + sign * q.x, sum.y + sign * q.y, sum.z + sign * q.z};
      centre = centre + it->second->Centre();
      ++n;
    }
    if (n == 0) {
      out.emplace_back();
      continue;
    }
    const double norm = std::sqrt(sum.w * sum.w + sum.x * sum.x + sum.y * sum.y + sum.z * sum.z);
    const Quaternion mean{sum.w / norm, sum.x / norm, sum.y / norm, sum.z / norm};
    out.push_back(FramePose{MatrixFromQuaternion(mean), centre * (1.0 / n), n});
  }
  return out;
}

double RotationAngleDeg(const Mat3& a, const Mat3& b) {
  const Mat3 d = a * b.Transposed();
  const double c = std::clamp((d(0, 0) + d(1, 1) + d(2, 2) - 1.0) / 2.0, -1.0, 1.0);
  // acos loses precision near 0; use the axis part for small angles.
  const double s = 0.5 * std::sqrt((d(2, 1) - d(1, 2)) * (d(2, 1) - d(1, 2)) + (d(0, 2) - d(2, 0)) * (d(0, 2) - d(2, 0)) +
                                   (d(1, 0) - d(0, 1)) * (d(1, 0) - d(0, 1)));
  return RadToDeg(std::atan2(s, c));
}

}  // namespace prep360
