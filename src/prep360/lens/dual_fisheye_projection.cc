#include "prep360/lens/dual_fisheye_projection.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "prep360/lens/fisheye_line.h"

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
    const Vec3 a0 = lenses_[0].lens.PanoFromLens() * Vec3{0, 0, 1}, a1 = lenses_[1].lens.PanoFromLens() * Vec3{0, 0, 1};
    axis_angle_ = std::acos(std::clamp(a0.Dot(a1), -1.0, 1.0));
  }

  void Map(const Vec3& d, ProjectedSamples& out) const override {
    double x[2], y[2], margin[2];
    if (only_ >= 0) {
      Project(static_cast<std::size_t>(only_), d, &x[0], &y[0], &margin[0]);
      return One(x[0], y[0], out);
    }
    Project(0, d, &x[0], &y[0], &margin[0]);
    // Lens 1 is at least (axis angle - theta0) off its axis: skip it when that is past its edge.
    const double theta0 = lenses_[0].usable - margin[0];
    if (margin[0] > 0 && axis_angle_ - theta0 >= lenses_[1].usable) return One(x[0], y[0], out);
    Project(1, d, &x[1], &y[1], &margin[1]);
    if (margin[0] > 0 && margin[1] > 0) {
      out.count = 2;
      out.x[0] = x[0], out.y[0] = y[0], out.x[1] = x[1], out.y[1] = y[1];
      out.weight2 = margin[1] / (margin[0] + margin[1]);
      return;
    }
    const std::size_t first = margin[1] > margin[0] ? 1 : 0;
    One(x[first], y[first], out);
  }

  // As Map, lens by lens over the whole line: one sample where exactly one lens sees a direction
  // within its usable circle, both (feathered) where both do; lens 1 is projected only when some
  // direction may need it (the triangle inequality, as in Map).
  bool MapLine(const Vec3& d0, const Vec3& dd, int n, LineSamples& out) const override {
    const auto size = static_cast<std::size_t>((n + 7) / 8 * 8);
    for (auto* v : {&out.x, &out.y, &out.x2, &out.y2, &out.weight2, &out.work[0], &out.work[1]}) v->resize(size);
    out.count.resize(size);
    const std::size_t first = only_ >= 0 ? static_cast<std::size_t>(only_) : 0;
    const LensSetup& a = lenses_[first];
    ProjectFisheyeLine(a.lens, a.usable, a.lens_from_pano * d0, a.lens_from_pano * dd, n, out.x.data(),
                       out.y.data(), out.work[0].data());
    const float* m0 = out.work[0].data();
    // Lens 1 is ruled out where theta0 <= axis angle - usable1, i.e. margin0 >= usable0 - that.
    const auto skip = static_cast<float>(lenses_[0].usable - (axis_angle_ - lenses_[1].usable));
    const bool other = only_ < 0 && std::any_of(m0, m0 + n, [&](float m) { return m < skip; });
    if (other) {
      const LensSetup& b = lenses_[1];
      ProjectFisheyeLine(b.lens, b.usable, b.lens_from_pano * d0, b.lens_from_pano * dd, n, out.x2.data(),
                         out.y2.data(), out.work[1].data());
    }
    const float* m1 = out.work[1].data();
    for (std::size_t k = 0; k < static_cast<std::size_t>(n); ++k) {
      const bool sees0 = m0[k] > 0, sees1 = other && m1[k] > 0;
      out.count[k] = static_cast<std::uint8_t>(sees0 ? (sees1 ? 2 : 1) : (sees1 ? 1 : 0));
      if (sees0 && sees1) {
        out.weight2[k] = m1[k] / (m0[k] + m1[k]);
      } else if (sees1) {
        out.x[k] = out.x2[k];
        out.y[k] = out.y2[k];
      }
    }
    return true;
  }

 private:
  // Lens i's position of d and its margin (usable angle minus the angle off its axis); positions
  // past the usable circle are pulled back onto it.
  void Project(std::size_t i, const Vec3& d, double* x, double* y, double* margin) const {
    const LensSetup& s = lenses_[i];
    const double theta = s.lens.Project(s.lens_from_pano * d, x, y);
    *margin = s.usable - theta;
    if (*margin < 0) ClampToEdge(s, theta, x, y);
  }

  static void One(double x, double y, ProjectedSamples& out) {
    out.count = 1;
    out.weight2 = 0;
    out.x[0] = x;
    out.y[0] = y;
  }

  // Pulls a position past the usable circle back onto it, along its azimuth.
  static void ClampToEdge(const LensSetup& s, double theta, double* x, double* y) {
    if (theta <= 0) return;
    const double k = s.usable / theta;
    *x = s.lens.cx + (*x - s.lens.cx) * k;
    *y = s.lens.cy + (*y - s.lens.cy) * k;
  }

  LensSetup lenses_[2];
  int only_;
  double axis_angle_ = 0;  // between the two lenses' axes
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
  j["lens_calib_origin"] = calib_.origin;
  return j;
}

}  // namespace prep360
