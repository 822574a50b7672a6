// Remap end to end against the synthetic scene's ground truth, the conventions (direction of
// yaw/pitch, seam, poles), bit depths, channel counts, row splitting and the SIMD kernels.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "prep360/reproject/remap_dispatch.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/testing/fixtures.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using prep360::testkit::MaxAbsDiff;
using prep360::testkit::Psnr;
using prep360::testkit::RenderEquirect;
using prep360::testkit::RenderView;

constexpr int kEqW = 1024, kEqH = 512;
constexpr int kMargin = 3;
constexpr Interpolation kAll[] = {Interpolation::kNearest, Interpolation::kBilinear, Interpolation::kBicubic,
                                  Interpolation::kLanczos3};

const Image& Equirect8() {
  static const Image img = RenderEquirect(kEqW, kEqH, 3, 1, 3, kEquirectBorder);
  return img;
}

const Image& Equirect16() {
  static const Image img = RenderEquirect(kEqW, kEqH, 3, 2, 3, kEquirectBorder);
  return img;
}

using testkit::MakeView;

using remap_internal::SimdLevel;

Image RemapView(const Image& eq, const View& v, Interpolation interp, SimdLevel level = SimdLevel::kAvx2) {
  const RemapTable t(v.Camera(), v.PanoFromCam(), eq.width(), eq.height(), interp);
  Image out(v.width, v.height, eq.channels(), eq.bytes_per_sample());
  remap_internal::RemapRows(eq, t, out, 0, t.height(), level);
  return out;
}

// Same size and format and every sample equal.
void ExpectSameImage(const Image& a, const Image& b) {
  ASSERT_EQ(a.width(), b.width());
  ASSERT_EQ(a.height(), b.height());
  ASSERT_EQ(a.channels(), b.channels());
  for (int y = 0; y < a.height(); ++y) {
    for (int x = 0; x < a.width(); ++x) {
      for (int c = 0; c < a.channels(); ++c) {
        ASSERT_EQ(a.At(x, y, c), b.At(x, y, c)) << "pixel (" << x << ", " << y << ") channel " << c;
      }
    }
  }
}

struct ViewCase {
  const char* name;
  View view;
};

class RemapQualityTest : public ::testing::TestWithParam<ViewCase> {};

// 8-bit: every kernel well above 40 dB; bilinear, averaging four quantised samples, sits at the
// quantisation floor (~55 dB) and the sharper kernels within a dB of it. The 50 dB bound and the
// 2-level maximum error catch a quarter-pixel misplacement (50.0 dB, 3 levels).
TEST_P(RemapQualityTest, EightBitMatchesGroundTruth) {
  const View& view = GetParam().view;
  const Image truth = RenderView(view, 3, 1);
  double psnr[4];
  for (Interpolation interp : kAll) {
    psnr[static_cast<int>(interp)] = Psnr(truth, RemapView(Equirect8(), view, interp), kMargin);
    RecordProperty(std::string("psnr8_") + InterpolationName(interp),
                   std::to_string(psnr[static_cast<int>(interp)]));
  }
  const double nearest = psnr[0], bilinear = psnr[1], bicubic = psnr[2], lanczos = psnr[3];
  EXPECT_GE(bilinear, 50.0);
  EXPECT_LE(MaxAbsDiff(truth, RemapView(Equirect8(), view, Interpolation::kBilinear), kMargin), 2);
  EXPECT_GE(bicubic, std::max(40.0, bilinear - 1.0));
  EXPECT_GE(lanczos, std::max(40.0, bilinear - 1.0));
  EXPECT_GE(nearest, 30.0);
  EXPECT_LT(nearest, bilinear - 3.0);
}

// 16-bit, where interpolation error dominates: bicubic and lanczos3 beat bilinear.
TEST_P(RemapQualityTest, SixteenBitKernelsRankBySharpness) {
  const View& view = GetParam().view;
  const Image truth = RenderView(view, 3, 2);
  double psnr[4];
  for (Interpolation interp : kAll) {
    psnr[static_cast<int>(interp)] = Psnr(truth, RemapView(Equirect16(), view, interp), kMargin);
    RecordProperty(std::string("psnr16_") + InterpolationName(interp),
                   std::to_string(psnr[static_cast<int>(interp)]));
  }
  const double nearest = psnr[0], bilinear = psnr[1], bicubic = psnr[2], lanczos = psnr[3];
  EXPECT_GE(bilinear, 60.0);
  EXPECT_GE(bicubic, bilinear + 3.0);
  EXPECT_GE(lanczos, bilinear + 3.0);
  EXPECT_GE(nearest, 30.0);
}

INSTANTIATE_TEST_SUITE_P(
    RemapViews, RemapQualityTest,
    ::testing::Values(ViewCase{"yaw0", MakeView("test", 0, 0, 0, 90, 256, 192)},
                      ViewCase{"yaw90", MakeView("test", 90, 0, 0, 90, 256, 192)},
                      ViewCase{"yawm135", MakeView("test", -135, 0, 0, 90, 256, 192)},
                      ViewCase{"pitch60", MakeView("test", 30, 60, 0, 90, 256, 192)},
                      ViewCase{"roll30", MakeView("test", -60, -20, 30, 90, 256, 192)},
                      ViewCase{"wide320x192", MakeView("test", 150, 10, 0, 100, 320, 192)}),
    [](const ::testing::TestParamInfo<ViewCase>& param_info) { return std::string(param_info.param.name); });

// A view straddling the ±180° seam is as good as one facing the centre: no dark or bright column.
TEST(RemapTest, SeamIsContinuous) {
  const View centre = MakeView("test", 0, 0, 0, 90, 256, 192),
             seam = MakeView("test", 180, 0, 0, 90, 256, 192);
  const Image a = RemapView(Equirect8(), centre, Interpolation::kBilinear);
  const Image b = RemapView(Equirect8(), seam, Interpolation::kBilinear);
  const Image truth_a = RenderView(centre), truth_b = RenderView(seam);
  EXPECT_GE(Psnr(truth_b, b, kMargin), Psnr(truth_a, a, kMargin) - 1.0);
  EXPECT_LE(MaxAbsDiff(truth_b, b, kMargin), MaxAbsDiff(truth_a, a, kMargin) + 2);
  // The columns either side of the seam (view centre) differ from the truth no more than elsewhere.
  int worst = 0;
  for (int y = kMargin; y < seam.height - kMargin; ++y) {
    for (int x = seam.width / 2 - 2; x < seam.width / 2 + 2; ++x) {
      for (int c = 0; c < 3; ++c) {
        worst = std::max(worst,
                         std::abs(static_cast<int>(b.At(x, y, c)) - static_cast<int>(truth_b.At(x, y, c))));
      }
    }
  }
  EXPECT_LE(worst, MaxAbsDiff(truth_a, a, kMargin) + 2);
}

// Views centred on the poles see the sphere continue over them (mirrored rows of the border).
TEST(RemapTest, PolesAreContinuous) {
  const double reference = Psnr(
      RenderView(MakeView("test", 0, 0, 0, 90, 256, 192)),
      RemapView(Equirect8(), MakeView("test", 0, 0, 0, 90, 256, 192), Interpolation::kBilinear), kMargin);
  for (double pitch : {90.0, -90.0}) {
    for (double yaw : {0.0, 73.0}) {
      SCOPED_TRACE(::testing::Message() << "pitch " << pitch << " yaw " << yaw);
      const View v = MakeView("test", yaw, pitch, 0, 100, 192, 192);
      const Image truth = RenderView(v);
      for (Interpolation interp : {Interpolation::kBilinear, Interpolation::kLanczos3}) {
        const Image out = RemapView(Equirect8(), v, interp);
        EXPECT_GE(Psnr(truth, out, kMargin), std::max(50.0, reference - 1.0)) << InterpolationName(interp);
        EXPECT_LE(MaxAbsDiff(truth, out, kMargin), 2) << InterpolationName(interp);
      }
    }
  }
}

// 16-bit equirect whose channels are ramps: R = 64 * column, G = 64 * row (exact under bilinear
// interpolation), so the centre pixel of an odd-sized view tells where its optical axis samples,
// to 1/64 pixel.
const Image& RampEquirect() {
  static const Image img = [] {
    Image ramp(kEqW, kEqH, 3, 2, kEquirectBorder);
    for (int y = 0; y < kEqH; ++y) {
      for (int x = 0; x < kEqW; ++x) {
        ramp.Set(x, y, 0, static_cast<std::uint32_t>(64 * x));
        ramp.Set(x, y, 1, static_cast<std::uint32_t>(64 * y));
        ramp.Set(x, y, 2, 1000);
      }
    }
    FillEquirectBorder(ramp);
    return ramp;
  }();
  return img;
}

// Continuous sample position (u - 0.5, v - 0.5) at the centre pixel of a 65x65 view.
void CentreSample(double yaw, double pitch, double* x, double* y) {
  const View v = MakeView("test", yaw, pitch, 0, 60, 65, 65);
  const Image out = RemapView(RampEquirect(), v, Interpolation::kBilinear);
  *x = out.At(32, 32, 0) / 64.0;
  *y = out.At(32, 32, 1) / 64.0;
}

TEST(RemapTest, YawTurnsTowardPositiveLongitudeAndPitchLooksUp) {
  double x, y;
  // Yaw +90: longitude +90° is u = 3W/4, sampled at x = u - 0.5 (pixel centres at +0.5).
  CentreSample(90, 0, &x, &y);
  EXPECT_NEAR(x, 0.75 * kEqW - 0.5, 0.02);
  EXPECT_NEAR(y, kEqH / 2.0 - 0.5, 0.02);
  CentreSample(-90, 0, &x, &y);
  EXPECT_NEAR(x, 0.25 * kEqW - 0.5, 0.02);
  // Pitch +45: latitude +45° is v = H/4 (above the horizon, toward the top row).
  CentreSample(0, 45, &x, &y);
  EXPECT_NEAR(x, 0.5 * kEqW - 0.5, 0.02);
  EXPECT_NEAR(y, kEqH / 4.0 - 0.5, 0.02);
  CentreSample(30, -45, &x, &y);
  EXPECT_NEAR(x, (0.5 + 30.0 / 360) * kEqW - 0.5, 0.02);
  EXPECT_NEAR(y, 3 * kEqH / 4.0 - 0.5, 0.02);
}

TEST(RemapTest, PitchNinetySamplesTheZenithAndMinusNinetyTheNadir) {
  // The top row (G = 0) and its mirror over the pole; the bottom row (G = 64 * (H - 1)).
  const View up = MakeView("test", 0, 90, 0, 60, 65, 65), down = MakeView("test", 0, -90, 0, 60, 65, 65);
  EXPECT_EQ(RemapView(RampEquirect(), up, Interpolation::kBilinear).At(32, 32, 1), 0u);
  EXPECT_EQ(RemapView(RampEquirect(), down, Interpolation::kBilinear).At(32, 32, 1), 64u * (kEqH - 1));
  EXPECT_EQ(RemapView(RampEquirect(), up, Interpolation::kNearest).At(32, 32, 1), 0u);
}

TEST(RemapTest, SixteenBitMatchesEightBitScaledBy257) {
  const Image& eq8 = Equirect8();
  Image eq16(kEqW, kEqH, 3, 2, kEquirectBorder);
  for (int y = 0; y < kEqH; ++y) {
    for (int x = 0; x < kEqW; ++x) {
      for (int c = 0; c < 3; ++c) eq16.Set(x, y, c, eq8.At(x, y, c) * 257);
    }
  }
  FillEquirectBorder(eq16);
  const View v = MakeView("test", 170, 25, 10, 90, 200, 150);
  for (Interpolation interp : kAll) {
    SCOPED_TRACE(InterpolationName(interp));
    const Image a = RemapView(eq8, v, interp), b = RemapView(eq16, v, interp);
    int worst = 0;
    for (int y = 0; y < v.height; ++y) {
      for (int x = 0; x < v.width; ++x) {
        for (int c = 0; c < 3; ++c) {
          worst = std::max(worst,
                           std::abs(static_cast<int>(b.At(x, y, c)) - 257 * static_cast<int>(a.At(x, y, c))));
        }
      }
    }
    // Rounding to 8 bits, plus the 8-bit kernels' coarser fractions and fixed-point weights.
    if (interp == Interpolation::kNearest) {
      EXPECT_EQ(worst, 0);
    } else {
      EXPECT_LE(worst, 257);
    }
  }
}

TEST(RemapTest, OneThreeAndFourChannelsAgreePerChannel) {
  const Image& rgb = Equirect8();
  Image gray(kEqW, kEqH, 1, 1, kEquirectBorder), rgba(kEqW, kEqH, 4, 1, kEquirectBorder);
  for (int y = 0; y < kEqH; ++y) {
    for (int x = 0; x < kEqW; ++x) {
      gray.Set(x, y, 0, rgb.At(x, y, 1));
      for (int c = 0; c < 3; ++c) rgba.Set(x, y, c, rgb.At(x, y, c));
      rgba.Set(x, y, 3, rgb.At(x, y, 2) ^ 0x5A);
    }
  }
  FillEquirectBorder(gray);
  FillEquirectBorder(rgba);
  const View v = MakeView("test", -100, -30, 0, 90, 157, 93);
  for (Interpolation interp : kAll) {
    SCOPED_TRACE(InterpolationName(interp));
    const Image a = RemapView(rgb, v, interp), g = RemapView(gray, v, interp), b = RemapView(rgba, v, interp);
    for (int y = 0; y < v.height; ++y) {
      for (int x = 0; x < v.width; ++x) {
        ASSERT_EQ(g.At(x, y, 0), a.At(x, y, 1)) << x << "," << y;
        for (int c = 0; c < 3; ++c) ASSERT_EQ(b.At(x, y, c), a.At(x, y, c)) << x << "," << y;
      }
    }
  }
}

// The SIMD kernels of every level this CPU runs equal the portable ones bit for bit, including the
// partial groups at the end of rows of every length.
TEST(RemapTest, SimdKernelsEqualPortableKernels) {
  Image rgba(kEqW, kEqH, 4, 1, kEquirectBorder);
  for (int y = 0; y < kEqH; ++y) {
    for (int x = 0; x < kEqW; ++x) {
      for (int c = 0; c < 4; ++c)
        rgba.Set(x, y, c, Equirect8().At(x, y, c % 3) ^ static_cast<std::uint32_t>(c * 37));
    }
  }
  FillEquirectBorder(rgba);
  if (remap_internal::CpuSimdLevel() == SimdLevel::kNone) GTEST_SKIP() << "no SIMD kernels on this CPU";
  for (SimdLevel level : {SimdLevel::kSsse3, SimdLevel::kAvx2}) {
    if (level > remap_internal::CpuSimdLevel()) continue;
    for (const Image* eq : {&Equirect8(), static_cast<const Image*>(&rgba)}) {
      for (Interpolation interp : kAll) {
        SCOPED_TRACE(::testing::Message() << "level " << static_cast<int>(level) << ", " << eq->channels()
                                          << " channels, " << InterpolationName(interp));
        for (int w : {1, 2, 3, 5, 8, 11, 12, 16, 203}) {
          const View v = MakeView("test", 179, 80, 20, 120, w, 37);  // seam, pole and steep curves
          ExpectSameImage(RemapView(*eq, v, interp, level), RemapView(*eq, v, interp, SimdLevel::kNone));
        }
      }
    }
  }
}

TEST(RemapTest, SplitRowRangesEqualTheWholeImage) {
  const View v = MakeView("test", 45, 10, 0, 90, 131, 77);
  for (Interpolation interp : kAll) {
    const RemapTable t(v.Camera(), v.PanoFromCam(), kEqW, kEqH, interp);
    Image whole(v.width, v.height, 3, 1), split(v.width, v.height, 3, 1);
    Remap(Equirect8(), t, whole);
    Remap(Equirect8(), t, split, 40, 77);
    Remap(Equirect8(), t, split, 0, 13);
    Remap(Equirect8(), t, split, 13, 13);
    Remap(Equirect8(), t, split, 13, 40);
    ExpectSameImage(whole, split);
  }
}

TEST(RemapTest, MismatchedImagesAreErrors) {
  const View v = MakeView("test", 0, 0, 0, 90, 64, 48);
  const RemapTable t(v.Camera(), v.PanoFromCam(), kEqW, kEqH, Interpolation::kBilinear);
  Image out(64, 48, 3, 1);
  Image wrong_size(63, 48, 3, 1), wrong_channels(64, 48, 4, 1), wrong_depth(64, 48, 3, 2);
  EXPECT_THROW(Remap(Equirect8(), t, wrong_size), Error);
  EXPECT_THROW(Remap(Equirect8(), t, wrong_channels), Error);
  EXPECT_THROW(Remap(Equirect8(), t, wrong_depth), Error);
  EXPECT_THROW(Remap(Equirect8(), t, out, 10, 49), Error);
  EXPECT_THROW(Remap(Equirect8(), t, out, 20, 10), Error);
  Image no_border(kEqW, kEqH, 3, 1, 0), wide_border(kEqW, kEqH, 3, 1, 6), other_size(512, 256, 3, 1, 4);
  EXPECT_THROW(Remap(no_border, t, out), Error);
  EXPECT_THROW(Remap(wide_border, t, out), Error);
  EXPECT_THROW(Remap(other_size, t, out), Error);
}

}  // namespace
}  // namespace prep360
