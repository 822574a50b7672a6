#pragma once
// One view's rays in the panorama frame, computed once from its pinhole camera and rotation: the
// direction of a pixel, the pixel of a direction, whether the view sees a direction (it projects
// in front of the camera inside the image, edges included), and which of several views has the
// nearest centre. The sphere masks (mask/sphere_mask.h) and the rig measures
// (rig/rig_coverage.h) share it, so they agree on what a view sees.
#include <cstddef>
#include <vector>

#include "prep360/geometry/pinhole.h"
#include "prep360/geometry/rotation.h"

namespace prep360 {

struct ViewRays {
  Mat3 pano_from_cam, cam_from_pano;
  Pinhole camera;
  Vec3 centre;  // optical axis, pano frame (unit)

  ViewRays(const Pinhole& cam, const Mat3& rotation_pano_from_cam)
      : pano_from_cam(rotation_pano_from_cam),
        cam_from_pano(pano_from_cam.Transposed()),
        camera(cam),
        centre(pano_from_cam * Vec3{0, 0, 1}) {}

  // Pano-frame direction (not unit length) through the continuous pixel position (x, y).
  Vec3 Ray(double x, double y) const { return pano_from_cam * camera.Ray(x, y); }
  // Continuous pixel position of a pano-frame direction; false when it is behind the camera.
  bool Project(const Vec3& d, double* x, double* y) const { return camera.Project(cam_from_pano * d, x, y); }
  // Whether the pano-frame direction projects inside the image, edges included.
  bool Sees(const Vec3& d) const {
    double x = 0, y = 0;
    if (!Project(d, &x, &y)) return false;
    return x >= 0 && x <= camera.width && y >= 0 && y <= camera.height;
  }
};

// Whether views[own] has the nearest centre (largest dot product with the unit direction d) among
// the views that see d; ties go to the lower index. views[own] is not asked whether it sees d.
bool HasNearestCentre(const std::vector<ViewRays>& views, std::size_t own, const Vec3& d);

// How many of the views see d, counting no further than `limit`.
int CountViewsSeeing(const std::vector<ViewRays>& views, const Vec3& d, int limit);

}  // namespace prep360
