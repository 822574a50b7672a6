// The lens model's conventions, and views cut straight from dual-fisheye frames against the
// synthetic scene's ground truth, including views in the band both lenses see (feathered).
#include "prep360/lens/dual_fisheye_projection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "prep360/reproject/projected_remap.h"
#include "prep360/testing/fixtures.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakeView;
using testkit::Psnr;
using testkit::RenderView;

constexpr int kS = 512;  // lens circle diameter: frames of 1024 x 512
constexpr int kMargin = 3;

const DualFisheyeCalib& Calib() {
  static const DualFisheyeCalib c = DefaultDualFisheye(2 * kS, kS, 190);
  return c;
}

const Image& Frame16() {
  static const Image img = testkit::RenderDualFisheye(Calib(), 3, 2, 3, kEquirectBorder);
  return img;
}

Image ViewFrom(const Image& frame, const DualFisheyeProjection& p, const View& v, Interpolation interp) {
  const auto table = BuildProjectedViewTable(v.Camera(), v.PanoFromCam(), p, frame.width(), frame.height(), interp);
  Image out(v.width, v.height, frame.channels(), frame.bytes_per_sample());
  Remap(frame, *table, out);
  return out;
}

TEST(FisheyeLens, DefaultConventionPutsLensZeroLeftLookingForward) {
  const DualFisheyeCalib c = DefaultDualFisheye(2000, 1000, 190);
  EXPECT_DOUBLE_EQ(c.lenses[0].cx, 500);
  EXPECT_DOUBLE_EQ(c.lenses[1].cx, 1500);
  EXPECT_DOUBLE_EQ(c.lenses[0].cy, 500);
  EXPECT_DOUBLE_EQ(c.lenses[0].radius, 500);
  double x = 0, y = 0;
  // Straight ahead: the centre of the left circle. 95 degrees off the axis to the right: its edge.
  EXPECT_NEAR(c.lenses[0].Project({0, 0, 1}, &x, &y), 0, 1e-12);
  EXPECT_DOUBLE_EQ(x, 500);
  const double a = DegToRad(95);
  c.lenses[0].Project({std::sin(a), 0, std::cos(a)}, &x, &y);
  EXPECT_NEAR(x, 1000, 1e-9);
  EXPECT_NEAR(y, 500, 1e-9);
  // Lens 1 looks at yaw 180: the pano's -z is its axis; pano +x (right of lens 0) is its left.
  const Mat3 lens1_from_pano = c.lenses[1].PanoFromLens().Transposed();
  c.lenses[1].Project(lens1_from_pano * Vec3{0, 0, -1}, &x, &y);
  EXPECT_NEAR(x, 1500, 1e-9);
  c.lenses[1].Project(lens1_from_pano * Vec3{1, 0, -1}, &x, &y);
  EXPECT_LT(x, 1500);
  // Looking up (pano -y) lands in the top half of both circles.
  c.lenses[1].Project(lens1_from_pano * Vec3{0, -1, -1}, &x, &y);
  EXPECT_LT(y, 500);
}

TEST(FisheyeLens, RayInvertsProject) {
  FisheyeLens lens{123.5, 456.25, 700, 200, 0, 0, 0};
  for (double theta : {0.1, 1.0, 1.6, 1.74}) {
    for (double phi : {0.0, 1.0, -2.5}) {
      const Vec3 d{std::sin(theta) * std::cos(phi), std::sin(theta) * std::sin(phi), std::cos(theta)};
      double x = 0, y = 0;
      EXPECT_NEAR(lens.Project(d, &x, &y), theta, 1e-12);
      const Vec3 back = lens.Ray(x, y);
      EXPECT_NEAR((back - d).Norm(), 0, 1e-12);
    }
  }
}

TEST(LensCalib, ParsesScalesAndRejects) {
  const DualFisheyeCalib c = ParseLensCalib(LensCalibToJson(DefaultDualFisheye(2000, 1000, 200)), "x.json");
  EXPECT_EQ(c.width, 2000);
  EXPECT_DOUBLE_EQ(c.lenses[1].fov_deg, 200);
  EXPECT_DOUBLE_EQ(c.lenses[1].yaw_deg, 180);
  const DualFisheyeCalib half = c.ScaledTo(1000, 500);
  EXPECT_DOUBLE_EQ(half.lenses[1].cx, 750);
  EXPECT_DOUBLE_EQ(half.lenses[1].radius, 250);
  EXPECT_THROW(ParseLensCalib("{", "bad.json"), Error);
  try {
    ParseLensCalib(R"({"width": 10, "height": 5, "lenses": [{"cx": 1, "cy": 1, "radius": 1}]})", "one.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "one.json: 'lenses' must be an array of two lenses");
  }
  try {
    ParseLensCalib(R"({"width": 10, "height": 5, "lenses": [{"cx": 1, "cy": 1}, {}]})", "r.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "r.json: lenses[0]: 'radius' is missing");
  }
}

TEST(DualFisheyeProjection, FeathersOnlyWhereBothLensesSee) {
  const DualFisheyeProjection p(Calib(), true);
  const auto m = p.ForSize(2 * kS, kS, nullptr);
  ProjectedSamples s;
  m->Map({0, 0, 1}, s);  // lens 0's axis
  EXPECT_EQ(s.count, 1);
  EXPECT_NEAR(s.x[0], kS / 2.0, 1e-9);
  m->Map({0, 0, -1}, s);  // lens 1's axis
  EXPECT_EQ(s.count, 1);
  EXPECT_NEAR(s.x[0], 1.5 * kS, 1e-9);
  m->Map({1, 0, 0}, s);  // 90 degrees from both: half and half
  ASSERT_EQ(s.count, 2);
  EXPECT_NEAR(s.weight2, 0.5, 1e-9);
  const double a = DegToRad(92);  // nearer lens 1's axis: more of lens 1
  m->Map({std::sin(a), 0, std::cos(a)}, s);
  ASSERT_EQ(s.count, 2);
  EXPECT_GT(s.weight2, 0.6);
  EXPECT_LT(s.weight2, 1.0);
}

struct LensViewCase {
  const char* name;
  View view;
};

class DualFisheyeViewTest : public ::testing::TestWithParam<LensViewCase> {};

// Bilinear, 16-bit: the views match the analytic scene at >= 40 dB, in one lens, in the other,
// across the feathered band (yaw 90 / 270 look straight at it) and near the poles.
TEST_P(DualFisheyeViewTest, SixteenBitBilinearMatchesGroundTruth) {
  const View& view = GetParam().view;
  const DualFisheyeProjection p(Calib(), true);
  const double psnr = Psnr(RenderView(view, 3, 2), ViewFrom(Frame16(), p, view, Interpolation::kBilinear), kMargin);
  RecordProperty("psnr16_bilinear", std::to_string(psnr));
  EXPECT_GE(psnr, 40.0);
}

INSTANTIATE_TEST_SUITE_P(Views, DualFisheyeViewTest,
                         ::testing::Values(LensViewCase{"lens0", MakeView("v", 0, 0, 0, 90, 160, 120)},
                                           LensViewCase{"lens1", MakeView("v", 180, 10, 0, 90, 160, 120)},
                                           LensViewCase{"band_right", MakeView("v", 90, 0, 0, 90, 160, 120)},
                                           LensViewCase{"band_left_tilted", MakeView("v", -90, 30, 20, 100, 160, 120)},
                                           LensViewCase{"zenith", MakeView("v", 45, 90, 0, 90, 128, 128)},
                                           LensViewCase{"nadir", MakeView("v", 200, -80, 0, 90, 128, 128)}),
                         [](const ::testing::TestParamInfo<LensViewCase>& p) { return std::string(p.param.name); });

// The band the two lenses share is really blended: a frame whose lens 1 is black darkens a view of
// the band by about half, while a view within lens 0 is untouched.
TEST(DualFisheyeProjection, BandBlendsBothLensesAndNoCrossLensKeepsOne) {
  Image frame = Frame16().Clone();
  for (int y = 0; y < kS; ++y) {
    for (int x = kS; x < 2 * kS; ++x) {
      for (int c = 0; c < 3; ++c) frame.Set(x, y, c, 0);
    }
  }
  FillClampBorder(frame);
  const View band = MakeView("v", 90, 0, 0, 20, 32, 32);
  const DualFisheyeProjection cross(Calib(), true), single(Calib(), false);
  const Image truth = RenderView(band, 3, 2);
  const Image mixed = ViewFrom(frame, cross, band, Interpolation::kBilinear);
  const Image kept = ViewFrom(frame, single, band, Interpolation::kBilinear);
  const double t = truth.At(16, 16, 1), m = mixed.At(16, 16, 1), k = kept.At(16, 16, 1);
  EXPECT_NEAR(m / t, 0.5, 0.05);
  EXPECT_NEAR(k / t, 1.0, 0.01);  // yaw 90 is nearer lens 0 on a tie: lens 0 alone
}

TEST(DualFisheyeProjection, StitchedEquirectMatchesScene) {
  const DualFisheyeProjection p(Calib(), true);
  const int w = p.EquirectWidth(2 * kS, kS);
  EXPECT_EQ(w, 2 * static_cast<int>(std::lround(std::numbers::pi * (kS / 2.0) / DegToRad(95))));
  const auto table = BuildProjectedEquirectTable(w, w / 2, p, 2 * kS, kS, Interpolation::kBilinear);
  Image eq(w, w / 2, 3, 2);
  Remap(Frame16(), *table, eq);
  const Image truth = testkit::RenderEquirect(w, w / 2, 3, 2, 3);
  EXPECT_GE(Psnr(truth, eq, kMargin), 40.0);
}

// View tables take the lenses' single-precision fast path (lens/fisheye_line.h) where one lens
// or both see a pixel, and Map elsewhere: at 5.7K every entry's first sample is within 1/200 pixel
// of Map's, and the blend weights within 1/256 of Map's. Views in lens 0, across the band, tilted over it, and
// kept within one lens (positions pulled back to the lens's edge).
TEST(DualFisheyeProjection, TableEntriesFollowTheExactMapping) {
  const DualFisheyeCalib calib = DefaultDualFisheye(5760, 2880, 190);
  const DualFisheyeProjection cross(calib, true), single(calib, false);
  struct Case {
    const DualFisheyeProjection* p;
    View view;
  };
  const Case cases[] = {{&cross, MakeView("v", 10, 5, 0, 90, 192, 108)},
                        {&cross, MakeView("v", 90, 0, 0, 90, 192, 108)},
                        {&cross, MakeView("v", -100, 40, 15, 120, 160, 120)},
                        {&single, MakeView("v", 80, -10, 0, 100, 160, 120)}};
  for (const Case& c : cases) {
    const View& v = c.view;
    const auto table = BuildProjectedViewTable(v.Camera(), v.PanoFromCam(), *c.p, 5760, 2880, Interpolation::kBilinear);
    const Vec3 axis = v.PanoFromCam() * Vec3{0, 0, 1};
    const auto view_mapper = c.p->ForSize(5760, 2880, &axis);
    double worst = 0;
    int blended = 0;
    for (int y = 0; y < v.height; ++y) {
      for (int x = 0; x < v.width; ++x) {
        ProjectedSamples s;
        view_mapper->Map(v.PanoFromCam() * v.Camera().Ray(x + 0.5, y + 0.5), s);
        const RemapEntry& e = table->Row(y)[x];
        int x0 = 0, y0 = 0;
        table->TapPosition(e, &x0, &y0);
        worst = std::max({worst, std::abs(x0 + e.fx / 65536.0 + 0.5 - s.x[0]), std::abs(y0 + e.fy / 65536.0 + 0.5 - s.y[0])});
        const RemapBlend* b = table->blend();
        const RowRange cols = b != nullptr ? b->columns[static_cast<std::size_t>(y)] : RowRange{};
        const int w = x >= cols.begin && x < cols.end ? b->weight[b->row_start[static_cast<std::size_t>(y)] +
                                                                  static_cast<std::size_t>(x - cols.begin)]
                                                      : 0;
        const long expected = s.count == 2 ? std::lround(s.weight2 * RemapBlend::kBlendOne) : 0;
        EXPECT_LE(std::abs(w - expected), 1) << x << "," << y;  // float weights may round the other way
        blended += w > 0;
      }
    }
    EXPECT_LT(worst, 5e-3) << v.yaw_deg;
    if (v.yaw_deg == 90) {
      EXPECT_GT(blended, v.width * v.height / 20);  // the band: about 9 % of this view
    }
  }
}

}  // namespace
}  // namespace prep360
