#pragma once
// Sphere-consistent masks: the views' object masks are mapped back onto one equirect mask per
// frame with the exact inverse mapping (every equirect pixel samples the views that see it, so
// there is no stippling and no seam), united, then reprojected into every view, so overlapping
// views agree. Masks here mark objects: 255 = object (to be ignored), 0 = background.
#include <cstddef>
#include <memory>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/rig/rig.h"

namespace prep360 {

// Maps view masks (rig.views[i] -> view_masks[i], each the view's size, nullptr = nothing
// detected) onto an equirect mask of eq_width x eq_height (2:1) and back. Geometry per view is
// computed once and reused for every frame; thread-safe after construction.
class SphereMasker {
 public:
  // rig: sizes set. eq_width: the equirect mask's width (height = eq_width / 2).
  SphereMasker(const Rig& rig, int eq_width);
  ~SphereMasker();

  int eq_width() const;
  int eq_height() const;

  // The union of the views' masks on the sphere (8-bit, 1 channel, eq size). An equirect pixel
  // is set when any view that sees its centre has its (bilinearly sampled) mask >= 128 there.
  // Cost grows with the masked area, not the panorama size.
  Image ToEquirect(const std::vector<const Image*>& view_masks) const;
  // Adds every direction more than deg_below_horizon below the horizon (latitude < -deg).
  static void AddNadir(Image& eq_mask, double deg_below_horizon);
  // The equirect mask seen by view i (its size; bilinear, >= 128 -> 255).
  Image ToView(const Image& eq_mask, std::size_t view) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// COLMAP-style SfM ownership mask for view i: 255 where view i's centre is the nearest view
// centre (angle on the sphere) to the pixel's direction, 0 elsewhere, so each panorama pixel
// yields features in one view only. Ties go to the lower view index.
Image OwnershipMask(const Rig& rig, std::size_t view);

}  // namespace prep360
