#pragma once
// Dual fisheye as a SourceProjection: each direction is sampled from the lens that sees it; where
// both see it (the band past 180 degrees) the two are feathered by angle from each lens's edge:
// weight of lens i = max(0, fov_i / 2 - theta_i - guard_i), normalised, where guard_i is
// kEdgeGuardPixels in angle (so kernel taps never reach past the image circle with weight).
// With cross_lens false, a view samples only the lens nearest its centre (directions past that
// lens's edge take the nearest point inside it).
#include "prep360/lens/fisheye_lens.h"
#include "prep360/lens/source_projection.h"

namespace prep360 {

class DualFisheyeProjection final : public SourceProjection {
 public:
  static constexpr double kEdgeGuardPixels = 4;

  // calib: its lenses for a frame of calib.width x calib.height, scaled to each frame's size.
  DualFisheyeProjection(const DualFisheyeCalib& calib, bool cross_lens) : calib_(calib), cross_lens_(cross_lens) {}

  std::string Name() const override { return "dual-fisheye"; }
  std::unique_ptr<RayMapper> ForSize(int width, int height, const Vec3* view_axis) const override;
  int EquirectWidth(int width, int height) const override;
  nlohmann::ordered_json Describe(int width, int height) const override;

  const DualFisheyeCalib& calib() const { return calib_; }
  bool cross_lens() const { return cross_lens_; }

 private:
  DualFisheyeCalib calib_;
  bool cross_lens_;
};

}  // namespace prep360
