#pragma once
// Equidistant fisheye lenses and the two-lens (dual-fisheye) frame they share.
// A lens has its own camera frame (x right, y down, z along the optical axis, docs/conventions.md)
// turned into the pano frame by yaw, pitch, roll (geometry/rotation.h). A lens-frame direction at
// angle theta from the axis lands at distance r = radius * theta / (fov / 2) from the image-circle
// centre (cx, cy), in the direction of its (x, y): the circle of `radius` pixels spans `fov`.
// Positions are continuous source-frame pixels, pixel (i, j) has its centre at (i + 0.5, j + 0.5).
#include <array>
#include <string>

#include "prep360/geometry/rotation.h"

namespace prep360 {

struct FisheyeLens {
  double cx = 0, cy = 0;  // image-circle centre, pixels of the whole source frame
  double radius = 0;      // pixels, at fov / 2 from the axis
  double fov_deg = 190;
  double yaw_deg = 0, pitch_deg = 0, roll_deg = 0;

  Mat3 PanoFromLens() const { return PanoFromCam(yaw_deg, pitch_deg, roll_deg); }
  // Pixels per radian off the axis.
  double PixelsPerRadian() const { return radius / DegToRad(fov_deg / 2); }
  // Position of a lens-frame direction (any non-zero length); returns its angle from the axis
  // (radians, 0..pi).
  double Project(const Vec3& d_lens, double* x, double* y) const;
  // Lens-frame unit direction of the position (x, y) (any distance from the centre; past pi
  // from the axis the angle wraps).
  Vec3 Ray(double x, double y) const;
};

// Two lenses in one frame of width x height (side by side, or two streams placed side by side).
struct DualFisheyeCalib {
  int width = 0, height = 0;  // the frame size the pixel values refer to
  std::array<FisheyeLens, 2> lenses;
  // Where the values came from, for report.json and info: "default", "file" (input.lens_calib),
  // "insta360 trailer"; not part of the JSON.
  std::string origin = "default";

  // The same lenses in a frame of width x height (pixel values scaled per axis).
  DualFisheyeCalib ScaledTo(int new_width, int new_height) const;
};

// The default side-by-side convention for a 2S x S frame: the left half is lens 0 looking at yaw 0,
// the right half lens 1 looking at yaw 180; each half upright in its own lens's frame; the image
// circle centred in its half with diameter S spanning fov_deg.
DualFisheyeCalib DefaultDualFisheye(int width, int height, double fov_deg);

// The lens calibration JSON (docs/inputs.md):
//   {"width": W, "height": H, "lenses": [{"cx":..,"cy":..,"radius":..,"fov":..,"yaw":..,"pitch":..,"roll":..}, {..}]}
// Throws Error "NAME: problem" for bad JSON, missing or out-of-range values.
DualFisheyeCalib ParseLensCalib(const std::string& text, const std::string& name);
DualFisheyeCalib ReadLensCalib(const std::string& path);
std::string LensCalibToJson(const DualFisheyeCalib& calib);

}  // namespace prep360
