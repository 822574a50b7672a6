#pragma once
// Faces on the sphere, for panoramas: faces are found on the detection rig (detect/detection_rig.h:
// 22 views, 75° each, so any face up to 19° across is whole in at least one view), sampled from the equirect at the output views' angular resolution. Each face becomes the
// outline of its blur ellipse on the sphere; the same face seen by two detection views is merged.
// Every output view then blurs the faces it shows, whole or in part, whatever the detection view
// was: a face across a view boundary or the ±180° seam is blurred in every view.
#include <memory>
#include <vector>

#include "prep360/detect/face_detector.h"
#include "prep360/geometry/view_rays.h"
#include "prep360/image/privacy_blur.h"
#include "prep360/rig/rig.h"

namespace prep360 {

class SourceProjection;

struct SphereFace {
  Vec3 centre;                // unit, panorama frame
  std::vector<Vec3> outline;  // unit directions around the blur ellipse's edge
  double radius_rad = 0;      // largest angle from the centre to the outline
  float score = 0;
};

// The detection rig (detection_rig.h) at px_per_rad pixels per radian at each view's centre.
Rig FaceDetectionRig(double px_per_rad);

// Keeps the best of faces whose centres are closer than half the larger radius.
std::vector<SphereFace> MergeSphereFaces(std::vector<SphereFace> faces);

// The blur ellipses (view pixels) of the faces the view shows, whole or in part.
std::vector<BlurRegion> FaceRegionsInView(const std::vector<SphereFace>& faces, const ViewRays& view);

class SphereFaceDetector {
 public:
  // px_per_rad: the output views' largest focal length in pixels (the detection views match it).
  // projection: how the source frames map to the sphere (null: equirect), as for the output views.
  SphereFaceDetector(const FaceDetectorOptions& options, double px_per_rad,
                     std::shared_ptr<const SourceProjection> projection = nullptr);
  ~SphereFaceDetector();
  SphereFaceDetector(const SphereFaceDetector&) = delete;
  SphereFaceDetector& operator=(const SphereFaceDetector&) = delete;

  std::string provider() const;
  // The faces in a source frame as the split pipeline decodes it (an equirect with its border
  // filled, see reproject/equirect_border.h, or the frame of `projection`). Thread-safe.
  std::vector<SphereFace> Detect(const Image& equirect) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
