// The GoPro MAX EAC layout (face order, turns, the band both lenses store) and views cut straight
// from EAC frames against the synthetic scene's ground truth, across face edges and the lens band.
#include "prep360/lens/eac_projection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "prep360/reproject/projected_remap.h"
#include "prep360/testing/fixtures.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakeView;
using testkit::Psnr;
using testkit::RenderView;

constexpr int kF = 384, kG = 32;  // a MAX-like track: 3 * 384 + 64 = 1216 x 384
constexpr int kMargin = 3;
const EacLayout kLayout{kF, kG};

const Image& Frame16() {
  static const Image img = [] {
    Image f = kLayout.AssembleStacked(testkit::RenderEac(kLayout, 3, 2, 3), "eac");
    FillClampBorder(f);
    return f;
  }();
  return img;
}

Image ViewFrom(const Image& frame, const View& v, Interpolation interp) {
  const EacProjection p;
  const auto table = BuildProjectedViewTable(v.Camera(), v.PanoFromCam(), p, frame.width(), frame.height(), interp);
  Image out(v.width, v.height, frame.channels(), frame.bytes_per_sample());
  Remap(frame, *table, out);
  return out;
}

TEST(EacLayout, ShapesOfTracks) {
  EXPECT_TRUE(EacLayout::LooksLikeTrack(4096, 1344));  // MAX 5.6K: guard 32
  EXPECT_EQ(EacLayout::ForTrack(4096, 1344, "x").guard, 32);
  EXPECT_TRUE(EacLayout::LooksLikeTrack(1536, 512));   // plain EAC half
  EXPECT_FALSE(EacLayout::LooksLikeTrack(1344, 1344));  // square: a fisheye
  EXPECT_FALSE(EacLayout::LooksLikeTrack(3840, 1920));  // 2:1 equirect
  EXPECT_FALSE(EacLayout::LooksLikeTrack(4097, 1344));  // odd guard
  try {
    EacLayout::ForTrack(1920, 1080, "clip.360");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("clip.360: 1920x1080 is not one half of an EAC frame", 0), 0u) << e.what();
  }
  EXPECT_EQ(EacLayout::ForFrame(kLayout.frame_width(), kLayout.frame_height()).guard, kG);
  EXPECT_THROW(EacLayout::ForFrame(kLayout.frame_width(), kLayout.frame_height() + 1), Error);
}

// Face order and turns: the centre of each face lands at the centre of its place in the tracks;
// "up" from the front is up in track 0; the bottom track's faces are turned as in FFmpeg's eac.
TEST(EacLayout, FaceOrderAndTurns) {
  const double side = kF + kG, gap_row = kF + EacLayout::kTrackGap;
  struct Case {
    Vec3 d;
    double x, y;
  } cases[] = {{{-1, 0, 0}, side / 2, kF / 2.0},           {{0, 0, 1}, side + kF / 2.0, kF / 2.0},
               {{1, 0, 0}, side + kF + side / 2, kF / 2.0}, {{0, 1, 0}, side / 2, gap_row + kF / 2.0},
               {{0, 0, -1}, side + kF / 2.0, gap_row + kF / 2.0}, {{0, -1, 0}, side + kF + side / 2, gap_row + kF / 2.0}};
  ProjectedSamples s;
  for (const Case& c : cases) {
    kLayout.Map(c.d, s);
    // Side faces' centres are in the lens band: both copies, half each.
    const double x = s.count == 2 ? (s.x[0] + s.x[1]) / 2 : s.x[0];
    EXPECT_NEAR(x, c.x, 1e-9) << c.d.x << " " << c.d.y << " " << c.d.z;
    EXPECT_NEAR(s.y[0], c.y, 1e-9);
  }
  kLayout.Map({0, -0.2, 1}, s);  // above the front: upper half of track 0
  EXPECT_LT(s.y[0], kF / 2.0);
  kLayout.Map({0.2, 0, 1}, s);  // right of the front: right of its centre
  EXPECT_GT(s.x[0], side + kF / 2.0);
  // Back, a little to the pano's right (+x): FFmpeg's eac turns the back face by 90 degrees, so
  // +x goes up in track 1; below the horizon (+y) goes left.
  kLayout.Map({0.2, 0, -1}, s);
  EXPECT_LT(s.y[0], gap_row + kF / 2.0);
  EXPECT_NEAR(s.x[0], side + kF / 2.0, 1e-9);
  kLayout.Map({0, 0.2, -1}, s);
  EXPECT_LT(s.x[0], side + kF / 2.0);
}

// Ray is Map's inverse everywhere, including both copies in the lens band.
TEST(EacLayout, RayInvertsMap) {
  ProjectedSamples s;
  int band = 0;
  for (double lon = -3.1; lon < 3.14; lon += 0.093) {
    for (double lat = -1.5; lat < 1.55; lat += 0.087) {
      const Vec3 d{std::cos(lat) * std::sin(lon), -std::sin(lat), std::cos(lat) * std::cos(lon)};
      kLayout.Map(d, s);
      const double row = s.y[0] < kF ? s.y[0] : s.y[0] - kF - EacLayout::kTrackGap;
      const int track = s.y[0] < kF ? 0 : 1;
      if (row <= 0.5 || row >= kF - 0.5) continue;  // rows clamped into the track
      for (int i = 0; i < s.count; ++i) {
        const Vec3 back = kLayout.Ray(track, s.x[i], row);
        if (s.count == 2 && (s.weight2 < 0.01 || s.weight2 > 0.99)) continue;  // copies kept off the other lens
        EXPECT_NEAR((back - d).Norm(), 0, 1e-9) << lon << " " << lat << " sample " << i;
      }
      band += s.count == 2;
    }
  }
  EXPECT_GT(band, 20);
}

struct EacViewCase {
  const char* name;
  View view;
};

class EacViewTest : public ::testing::TestWithParam<EacViewCase> {};

// Bilinear, 16-bit: views match the analytic scene at >= 40 dB inside a face, across face edges
// and corners, across the band both lenses store (the side faces' middles), and at the poles.
TEST_P(EacViewTest, SixteenBitBilinearMatchesGroundTruth) {
  const View& view = GetParam().view;
  const double psnr = Psnr(RenderView(view, 3, 2), ViewFrom(Frame16(), view, Interpolation::kBilinear), kMargin);
  RecordProperty("psnr16_bilinear", std::to_string(psnr));
  EXPECT_GE(psnr, 40.0);
}

INSTANTIATE_TEST_SUITE_P(
    Views, EacViewTest,
    ::testing::Values(EacViewCase{"front", MakeView("v", 0, 0, 0, 60, 160, 120)},
                      EacViewCase{"edge_front_right", MakeView("v", 45, 0, 0, 90, 160, 120)},
                      EacViewCase{"corner", MakeView("v", 135, 35, 10, 90, 160, 120)},
                      EacViewCase{"band_left", MakeView("v", -90, 0, 0, 90, 160, 120)},
                      EacViewCase{"band_right_tilted", MakeView("v", 90, -20, 30, 100, 160, 120)},
                      EacViewCase{"back", MakeView("v", 180, 10, 0, 90, 160, 120)},
                      EacViewCase{"zenith", MakeView("v", 30, 90, 0, 100, 128, 128)},
                      EacViewCase{"nadir", MakeView("v", 200, -80, 0, 100, 128, 128)}),
    [](const ::testing::TestParamInfo<EacViewCase>& p) { return std::string(p.param.name); });

// The band is really blended: with lens B's copy blacked out in the left face, a view of the
// band's middle comes out at about half the scene, and a view of the front is untouched.
TEST(EacProjection, LensBandIsCrossFaded) {
  Image frame = Frame16().Clone();
  const int outer = kF / 2 - 3 * kG / 2;
  for (int y = 0; y < kF; ++y) {
    for (int x = outer + 2 * kG; x < outer + 4 * kG; ++x) {
      for (int c = 0; c < 3; ++c) frame.Set(x, y, c, 0);
    }
  }
  FillClampBorder(frame);
  const View band = MakeView("v", -90, 0, 0, 2, 16, 16), front = MakeView("v", 0, 0, 0, 20, 16, 16);
  const double t = RenderView(band, 3, 2).At(8, 8, 1), m = ViewFrom(frame, band, Interpolation::kBilinear).At(8, 8, 1);
  EXPECT_NEAR(m / t, 0.5, 0.05);
  EXPECT_GE(Psnr(RenderView(front, 3, 2), ViewFrom(frame, front, Interpolation::kBilinear), 1), 40.0);
}

// The table builder evaluates the projection exactly only where rows bend or jump and
// interpolates between: every entry's first sample is within 1/64 px of the exact position.
TEST(EacProjection, TableEntriesFollowTheExactMapping) {
  const EacProjection p;
  const int w = kLayout.frame_width(), h = kLayout.frame_height();
  const View v = MakeView("v", -60, 20, 5, 120, 320, 200);  // across faces and the lens band
  const auto table = BuildProjectedViewTable(v.Camera(), v.PanoFromCam(), p, w, h, Interpolation::kBilinear);
  const auto mapper = p.ForSize(w, h, nullptr);
  const Pinhole cam = v.Camera();
  const Mat3 rot = v.PanoFromCam();
  ProjectedSamples s;
  double worst = 0;
  for (int y = 0; y < v.height; ++y) {
    for (int x = 0; x < v.width; ++x) {
      mapper->Map(rot * cam.Ray(x + 0.5, y + 0.5), s);
      const RemapEntry& e = table->Row(y)[x];
      int x0 = 0, y0 = 0;
      table->TapPosition(e, &x0, &y0);
      const double tx = x0 + e.fx / double(RemapTable::kFracScale) + 0.5;
      const double ty = y0 + e.fy / double(RemapTable::kFracScale) + 0.5;
      worst = std::max({worst, std::abs(tx - s.x[0]), std::abs(ty - s.y[0])});
    }
  }
  EXPECT_LT(worst, 1.0 / 64 + 2.0 / RemapTable::kFracScale);
  ASSERT_NE(table->blend(), nullptr);  // the band is in view, stored only for its columns
  EXPECT_LT(table->blend()->size, static_cast<std::size_t>(v.width * v.height) / 4);
}

TEST(EacProjection, StitchedEquirectMatchesScene) {
  const EacProjection p;
  const int w = p.EquirectWidth(Frame16().width(), Frame16().height());
  EXPECT_EQ(w, 4 * kF);
  const auto table = BuildProjectedEquirectTable(w, w / 2, p, Frame16().width(), Frame16().height(),
                                                 Interpolation::kBilinear);
  Image eq(w, w / 2, 3, 2);
  Remap(Frame16(), *table, eq);
  EXPECT_GE(Psnr(testkit::RenderEquirect(w, w / 2, 3, 2, 3), eq, kMargin), 40.0);
}

}  // namespace
}  // namespace prep360
