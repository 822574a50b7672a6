#pragma once
// The detection rig: detectors on panoramas run on views of their own, independent of the output
// rig, so that every object up to 19° across is whole in at least one detection view (an object
// cut by an output view's edge may be missed in that view and its neighbour). 22 views, 75° each:
// 8 around the horizon (45° apart), 6 at ±50° pitch (60° apart), the zenith and the nadir. Any
// object up to 19° across (a cap of radius 9.5°) is whole in at least one view; at 24° about 1 %
// of directions are not (detection_rig_test). Results are lifted onto the sphere, merged there and reprojected
// to every output view (faces: detect/sphere_faces.h; object masks: mask/frame_masker.h).
#include <cstddef>
#include <memory>
#include <vector>

#include "prep360/geometry/view_rays.h"
#include "prep360/image/image.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/rig/rig.h"

namespace prep360 {

class SourceProjection;

inline constexpr double kDetectionHfovDeg = 75;

// The detection rig with square views of size_px (>= 64).
Rig DetectionRig(int size_px);
// The view size that samples the panorama at px_per_rad pixels per radian at each view's centre
// (the output views' largest focal length: detectors that tile large images, like faces).
int DetectionViewSizeFor(double px_per_rad);

// The detection rig's views rendered from source frames. Thread-safe after construction.
class DetectionViews {
 public:
  // projection: how the source frames map to the sphere (null: equirect).
  DetectionViews(int size_px, std::shared_ptr<const SourceProjection> projection);

  const Rig& rig() const { return rig_; }
  std::size_t size() const { return rig_.views.size(); }
  const ViewRays& rays(std::size_t view) const { return rays_[view]; }
  // View `view` of a source frame as the split pipeline decodes it (bilinear).
  Image Render(const Image& frame, std::size_t view) const;
  // Every view, rendered in parallel.
  std::vector<Image> RenderAll(const Image& frame) const;
  // Whether a box (view pixels) touches the view's edge (within one pixel): an object cut there
  // is whole in a neighbouring view.
  bool TouchesEdge(std::size_t view, double x0, double y0, double x1, double y1) const;

 private:
  Rig rig_;
  std::vector<ViewRays> rays_;
  mutable RemapCache cache_;
};

}  // namespace prep360
