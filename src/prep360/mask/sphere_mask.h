#pragma once
// Sphere-consistent masks: the views' object masks are mapped back onto one equirect mask per
// frame with the exact inverse mapping (every equirect pixel samples the views that see it, so
// there is no stippling and no seam), united, then reprojected into every view, so overlapping
// views agree. Masks here mark objects: 255 = object (to be ignored), 0 = background.
// A view "sees" a direction when it projects in front of the camera inside its image, edges
// included (ViewRays::Sees in geometry/view_rays.h, as ViewSees in rig/rig_coverage.h).
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
  // rig: sizes set (Error otherwise). eq_width: the equirect mask's width, even (height =
  // eq_width / 2).
  SphereMasker(const Rig& rig, int eq_width);
  ~SphereMasker();
  SphereMasker(SphereMasker&&) noexcept;
  SphereMasker& operator=(SphereMasker&&) noexcept;

  int eq_width() const;
  int eq_height() const;

  // The union of the views' masks on the sphere (8-bit, 1 channel, eq size, 0 / 255). An
  // equirect pixel is set when any view that sees its centre has its (bilinearly sampled,
  // taps clamped to the image) mask >= 128 there. Cost grows with the masked area, not the
  // panorama size: per view, only the equirect rows and columns that the bounding box of its
  // set pixels can reach are visited; views with no set pixel (or nullptr) cost one scan of
  // their mask. Throws Error when the number of masks is not the number of views, or a mask has
  // the wrong size or format.
  Image ToEquirect(const std::vector<const Image*>& view_masks) const;
  // Sets every pixel whose centre is more than deg_below_horizon below the horizon
  // (latitude < -deg; deg in [-90, 90], Error otherwise).
  static void AddNadir(Image& eq_mask, double deg_below_horizon);
  // The equirect mask seen by view i (its size; bilinear, continued across the seam and over the
  // poles, >= 128 -> 255). Only 32x32 tiles of the view whose footprint holds a set equirect
  // pixel are computed; the rest is 0.
  Image ToView(const Image& eq_mask, std::size_t view) const;
  // ToView for every view, scanning the equirect mask once: use this per frame.
  std::vector<Image> ToViews(const Image& eq_mask) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// COLMAP-style SfM ownership mask for view i: 255 where, among the views that see the pixel
// centre's direction, view i's centre is the nearest (angle on the sphere), 0 elsewhere. The
// views' ownership masks partition the seen part of the sphere, so each panorama pixel yields
// features in one view only. Ties go to the lower view index. The rig's sizes must be set.
Image OwnershipMask(const Rig& rig, std::size_t view);

}  // namespace prep360
