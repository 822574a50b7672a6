#pragma once
// A rig: the named pinhole views cut from one panorama, each with its orientation
// (pano_from_cam = R_y(yaw) R_x(pitch) R_z(roll), degrees), horizontal field of view and size.
#include <string>
#include <vector>

#include "prep360/geometry/pinhole.h"
#include "prep360/geometry/rotation.h"

namespace prep360 {

struct View {
  std::string name;      // "cam00", ... for presets
  double yaw_deg = 0;    // + turns right (toward +longitude)
  double pitch_deg = 0;  // + looks up
  double roll_deg = 0;   // + turns the camera's x axis toward +y
  double hfov_deg = 90;  // horizontal field of view, (0, 180)
  int width = 0;         // 0 = not set: density-matched (see ResolveViewSizes)
  int height = 0;

  Mat3 PanoFromCam() const { return prep360::PanoFromCam(yaw_deg, pitch_deg, roll_deg); }
  Mat3 CamFromPano() const { return PanoFromCam().Transposed(); }
  // Requires width and height to be set.
  Pinhole Camera() const { return Pinhole::FromHfov(width, height, hfov_deg); }
};

struct Rig {
  std::string name;  // preset name or file stem
  std::vector<View> views;
};

// Default view width for a given hfov: the one whose centre matches the equirect's angular
// density (fx = W_eq / 2pi), rounded to a multiple of 16 (at least 16).
int DensityMatchedWidth(double hfov_deg, int equirect_width);

// Fills width/height of views that have none: density-matched square views.
// A non-zero width with zero height (or the reverse) keeps the square shape.
Rig ResolveViewSizes(const Rig& rig, int equirect_width);

// The view's camera when its size is set; otherwise (size 0, i.e. density-matched) a square camera
// of nominal size 1024 with the view's hfov, for geometry that depends only on the view's shape
// (coverage, overlap, pictures).
Pinhole ShapeCamera(const View& view);

// Sets every view to width x height.
Rig WithSize(const Rig& rig, int width, int height);
// Sets every view's hfov.
Rig WithHfov(const Rig& rig, double hfov_deg);

}  // namespace prep360
