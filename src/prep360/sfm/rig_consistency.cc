#include "prep360/sfm/rig_consistency.h"

#include <algorithm>
#include <map>

#include "prep360/export/frame_poses.h"

namespace prep360 {
namespace {

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

}  // namespace

RigConsistency CheckRigConsistency(const ColmapModel& model, const DatasetContents& d) {
  std::map<std::string, const ColmapImage*> by_name;
  for (const auto& [id, im] : model.images) by_name[im.name] = &im;
  RigConsistency out;
  std::vector<double> all;
  for (const std::string& frame : d.frames) {
    const ColmapImage* ref = nullptr;
    const View* ref_view = nullptr;
    std::vector<double> errors;
    for (const View& view : d.rig.views) {
      const auto it = by_name.find(d.ImageName(view.name, frame));
      if (it == by_name.end()) continue;
      if (ref == nullptr) {
        ref = it->second, ref_view = &view;
        continue;
      }
      const Mat3 recovered = it->second->CamFromWorld() * ref->CamFromWorld().Transposed();
      const Mat3 rig = view.CamFromPano() * ref_view->PanoFromCam();
      errors.push_back(RotationAngleDeg(recovered, rig));
    }
    if (errors.empty()) continue;
    out.frames.push_back({frame, static_cast<int>(errors.size()) + 1, Median(errors),
                          *std::max_element(errors.begin(), errors.end())});
    all.insert(all.end(), errors.begin(), errors.end());
  }
  out.compared = static_cast<int>(all.size());
  out.median_deg = Median(all);
  out.max_deg = all.empty() ? 0.0 : *std::max_element(all.begin(), all.end());
  return out;
}

}  // namespace prep360
