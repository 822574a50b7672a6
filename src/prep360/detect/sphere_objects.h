#pragma once
// Detected objects on the sphere, for panoramas (split/run `detect.write`): a detector runs on
// the detection rig (detection_rig.h), each box is lifted onto the sphere as the outline of its
// edges, the same object seen by several detection views becomes one, and each object is then
// projected into every output view that shows it. A face across an output view boundary is one
// object, seen by both views.
#include <array>
#include <memory>
#include <string>
#include <vector>

#include "prep360/detect/box_detector.h"
#include "prep360/geometry/view_rays.h"

namespace prep360 {

class SourceProjection;

struct SphereObject {
  std::string label;
  float score = 0;
  Vec3 centre;                // unit, panorama frame: the box centre's direction
  std::vector<Vec3> outline;  // unit directions along the box edges
  double radius_rad = 0;      // largest angle from the centre to the outline
  bool whole = true;          // its detection view saw it whole (the box did not touch the edge)
};

// A polygon (view pixels, corners in order) lifted onto the sphere through `rays`: its centre is
// the corners' mean, its outline the edges sampled.
SphereObject LiftPolygon(const std::string& label, float score, const std::vector<std::array<double, 2>>& corners,
                         const ViewRays& rays, bool whole);
// The box (view pixels) lifted onto the sphere through `rays`.
SphereObject LiftBox(const LabelledBox& box, const ViewRays& rays, bool whole);

// Objects of the same label whose centres are closer than half the larger radius are one, and so
// is an object cut by its detection view's edge that lies that close to one seen whole (a text
// line read in part): the one kept is seen whole if any is, then the best scored.
std::vector<SphereObject> MergeSphereObjects(std::vector<SphereObject> objects);

// The object's box in a view (the bounding box of its projected outline, clipped to the image).
// False when the view does not show it (outside the image, or beside or behind the camera).
bool ObjectBoxInView(const SphereObject& object, const ViewRays& view, float box[4]);

class SphereDetector {
 public:
  // options.detect.model: a registry name or path (BoxDetector). px_per_rad: the output views'
  // largest focal length (the detection views match it for BlazeFace, which tiles; YOLO models get
  // views of their input size). projection: as for the output views (null: equirect).
  SphereDetector(const SegmenterOptions& options, double px_per_rad,
                 std::shared_ptr<const SourceProjection> projection = nullptr);
  ~SphereDetector();
  SphereDetector(const SphereDetector&) = delete;
  SphereDetector& operator=(const SphereDetector&) = delete;

  const BoxDetector& detector() const;
  // The objects in a source frame as the split pipeline decodes it. Thread-safe; deterministic.
  std::vector<SphereObject> Detect(const Image& frame) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
