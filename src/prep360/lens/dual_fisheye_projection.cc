#include "prep360/lens/dual_fisheye_projection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace prep360 {
namespace {

struct LensSetup {
  FisheyeLens lens;
  Mat3 lens_from_pano;
  double usable = 0;  // radians off the axis with full taps: fov/2 minus the guard
};

class DualFisheyeMapper final : public RayMapper {
 public:
  DualFisheyeMapper(const DualFisheyeCalib& calib, int only_lens) : only_(only_lens) {
    for (std::size_t i = 0; i < 2; ++i) {
      LensSetup& s = lenses_[i];
      s.lens = calib.lenses[i];
      s.lens_from_pano = s.lens.PanoFromLens().Transposed();
      s.usable = DegToRad(s.lens.fov_deg / 2) - DualFisheyeProjection::kEdgeGuardPixels / s.lens.PixelsPerRadian();
    }
  }

  void Map(const Vec3& d, ProjectedSamples& out) const override {
    double x[2], y[2], margin[2];
    for (std::size_t i = 0; i < 2; ++i) {
      const LensSetup& s = lenses_[i];
      Vec3 dl = s.lens_from_pano * d;
      const double theta = s.lens.Project(dl, &x[i], &y[i]);
      margin[i] = s.usable - theta;
      if (margin[i] < 0 && (only_ == static_cast<int>(i) || only_ < 0)) ClampToEdge(s, theta, &x[i], &y[i]);
    }
    int first = 0;
    if (only_ >= 0) {
      first = only_;
    } else if (margin[0] > 0 && margin[1] > 0) {
      out.count = 2;
      out.x[0] = x[0], out.y[0] = y[0], out.x[1] = x[1], out.y[1] = y[1];
      out.weight2 = margin[1] / (margin[0] + margin[1]);
      return;
    } else {
      first = margin[1] > margin[0] ? 1 : 0;
    }
    out.count = 1;
    out.weight2 = 0;
    out.x[0] = x[first];
    out.y[0] = y[first];
  }

 private:
  // Pulls a position past the usable circle back onto it, along its azimuth.
  static void ClampToEdge(const LensSetup& s, double theta, double* x, double* y) {
    if (theta <= 0) return;
    const double k = s.usable / theta;
    *x = s.lens.cx + (*x - s.lens.cx) * k;
    *y = s.lens.cy + (*y - s.lens.cy) * k;
  }

  LensSetup lenses_[2];
  int only_;
};

}  // namespace

std::unique_ptr<RayMapper> DualFisheyeProjection::ForSize(int width, int height, const Vec3* view_axis) const {
  const DualFisheyeCalib scaled = calib_.ScaledTo(width, height);
  int only = -1;
  if (!cross_lens_ && view_axis != nullptr) {
    // The lens whose axis is nearest the view's centre.
    const Vec3 a0 = scaled.lenses[0].PanoFromLens() * Vec3{0, 0, 1};
    const Vec3 a1 = scaled.lenses[1].PanoFromLens() * Vec3{0, 0, 1};
    only = a1.Dot(*view_axis) > a0.Dot(*view_axis) ? 1 : 0;
  }
  return std::make_unique<DualFisheyeMapper>(scaled, only);
}

int DualFisheyeProjection::EquirectWidth(int width, int height) const {
  const DualFisheyeCalib scaled = calib_.ScaledTo(width, height);
  const double ppr = std::max(scaled.lenses[0].PixelsPerRadian(), scaled.lenses[1].PixelsPerRadian());
  const int half = std::max(2, static_cast<int>(std::lround(std::numbers::pi * ppr)));
  return 2 * half;
}

nlohmann::ordered_json DualFisheyeProjection::Describe(int width, int height) const {
  nlohmann::ordered_json j;
  j["projection"] = Name();
  j["cross_lens"] = cross_lens_;
  j["lens_calib"] = nlohmann::ordered_json::parse(LensCalibToJson(calib_.ScaledTo(width, height)));
  return j;
}

}  // namespace prep360
