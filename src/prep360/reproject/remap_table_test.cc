#include "prep360/reproject/remap_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>
#include <vector>

#include "prep360/geometry/equirect.h"
#include "prep360/reproject/remap_dispatch.h"
#include "prep360/testing/fixtures.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakeView;

// Sample position (u - 0.5, v - 0.5) of an entry.
void EntryPosition(const RemapTable& t, const RemapEntry& e, double* x, double* y) {
  int x0, y0;
  t.TapPosition(e, &x0, &y0);
  *x = x0 + e.fx / static_cast<double>(RemapTable::kFracScale);
  *y = y0 + e.fy / static_cast<double>(RemapTable::kFracScale);
}

// Every entry against the double-precision geometry; x compared around the seam.
void ExpectMatchesGeometry(const View& view, int eq_w, int eq_h, double tolerance) {
  const RemapTable t(view.Camera(), view.PanoFromCam(), eq_w, eq_h, Interpolation::kBilinear);
  const Pinhole cam = view.Camera();
  const Mat3 r = view.PanoFromCam();
  double worst = 0;
  for (int j = 0; j < view.height; ++j) {
    for (int i = 0; i < view.width; ++i) {
      const EquirectPoint p = EquirectFromDirection(r * cam.Ray(i + 0.5, j + 0.5), eq_w, eq_h);
      double x, y;
      EntryPosition(t, t.Row(j)[i], &x, &y);
      // x error as a distance on the sphere (u is ill-conditioned near the poles).
      const double lat = std::numbers::pi / 2 - std::numbers::pi * p.v / eq_h;
      const double dx = std::remainder(x - (p.u - 0.5), eq_w) * std::cos(lat);
      const double dy = y - (p.v - 0.5);
      worst = std::max({worst, std::fabs(dx), std::fabs(dy)});
    }
  }
  EXPECT_LT(worst, tolerance) << "yaw " << view.yaw_deg << " pitch " << view.pitch_deg;
}

TEST(RemapTableTest, PositionsMatchTheGeometry) {
  // 8K: float positions, quantised to 1/65536, within 1/200 pixel of the double geometry.
  ExpectMatchesGeometry(MakeView("table_test_view", 45, 0, 0, 90, 192, 108), 7680, 3840, 5e-3);
  ExpectMatchesGeometry(MakeView("table_test_view", -135, 30, 10, 100, 160, 120), 7680, 3840, 5e-3);
  ExpectMatchesGeometry(MakeView("table_test_view", 180, 0, 0, 90, 161, 91), 1024, 512, 1e-3);
  // The largest supported equirect: float positions still within 1/100 pixel.
  ExpectMatchesGeometry(MakeView("table_test_view", -60, -20, 0, 90, 64, 48), RemapTable::kMaxEquirectSide,
                        RemapTable::kMaxEquirectSide / 2, 1e-2);
  // Over the pole.
  ExpectMatchesGeometry(MakeView("table_test_view", 10, 60, 0, 90, 128, 96), 4096, 2048, 5e-3);
}

TEST(RemapTableTest, EveryTapStaysInsideTheBorder) {
  for (const View& v : {MakeView("table_test_view", 0, 90, 0, 120, 97, 65),
                        MakeView("table_test_view", 180, -90, 0, 120, 97, 65),
                        MakeView("table_test_view", 179.9, 0, 45, 170, 200, 100)}) {
    for (Interpolation interp : {Interpolation::kNearest, Interpolation::kBilinear}) {
      const RemapTable t(v.Camera(), v.PanoFromCam(), 512, 256, interp);
      for (const RemapEntry& e : t.entries()) {
        int x0, y0;
        t.TapPosition(e, &x0, &y0);
        // Bilinear reads x0..x0+1, lanczos3 x0-2..x0+3: with x0, y0 in [-1, size-1] all within 4.
        const int max_x = interp == Interpolation::kNearest ? 512 : 511;
        const int max_y = interp == Interpolation::kNearest ? 256 : 255;
        ASSERT_GE(x0, interp == Interpolation::kNearest ? 0 : -1);
        ASSERT_LE(x0, max_x);
        ASSERT_GE(y0, interp == Interpolation::kNearest ? 0 : -1);
        ASSERT_LE(y0, max_y);
      }
    }
  }
}

TEST(RemapTableTest, NearestStoresTheRoundedPositionWithoutFraction) {
  const View v = MakeView("table_test_view", 20, -10, 5, 80, 64, 48);
  const RemapTable lin(v.Camera(), v.PanoFromCam(), 2048, 1024, Interpolation::kBilinear);
  const RemapTable near(v.Camera(), v.PanoFromCam(), 2048, 1024, Interpolation::kNearest);
  for (std::size_t k = 0; k < lin.entries().size(); ++k) {
    const RemapEntry& a = lin.entries()[k];
    const RemapEntry& b = near.entries()[k];
    ASSERT_EQ(b.fx, 0);
    ASSERT_EQ(b.fy, 0);
    int ax, ay, bx, by;
    lin.TapPosition(a, &ax, &ay);
    near.TapPosition(b, &bx, &by);
    EXPECT_EQ(bx, ax + (a.fx >= 32768 ? 1 : 0));
    EXPECT_EQ(by, ay + (a.fy >= 32768 ? 1 : 0));
  }
}

// The AVX2+FMA builder (used where the CPU has it) and the baseline one agree to rounding.
TEST(RemapTableTest, BaselineAndAvx2BuildersAgree) {
  const View v = MakeView("table_test_view", -170, 35, 12, 100, 203, 77);
  for (Interpolation interp : {Interpolation::kNearest, Interpolation::kBilinear}) {
    std::vector<RemapEntry> a(203 * 77), b(203 * 77);
    remap_internal::BuildRemapEntries(v.Camera(), v.PanoFromCam(), 7680, 3840, interp, true, a.data());
    remap_internal::BuildRemapEntries(v.Camera(), v.PanoFromCam(), 7680, 3840, interp, false, b.data());
    const RemapTable t(v.Camera(), v.PanoFromCam(), 7680, 3840, interp);
    for (std::size_t k = 0; k < a.size(); ++k) {
      ASSERT_EQ(std::memcmp(&a[k], &t.entries()[k], sizeof(RemapEntry)), 0);
      double ax, ay, bx, by;
      EntryPosition(t, a[k], &ax, &ay);
      EntryPosition(t, b[k], &bx, &by);
      if (interp == Interpolation::kNearest) {
        // Rounding may tip either way only where the position is within float error of a half.
        EXPECT_LE(std::fabs(ax - bx) + std::fabs(ay - by), 1.0);
      } else {
        EXPECT_NEAR(ax, bx, 2e-3);
        EXPECT_NEAR(ay, by, 2e-3);
      }
    }
  }
}

TEST(RemapTableTest, EightBytesPerPixel) {
  const View v = MakeView("table_test_view", 0, 0, 0, 90, 320, 192);
  const RemapTable t(v.Camera(), v.PanoFromCam(), 1024, 512, Interpolation::kBicubic);
  EXPECT_EQ(t.width(), 320);
  EXPECT_EQ(t.height(), 192);
  EXPECT_EQ(t.entries().size(), 320u * 192u);
  EXPECT_EQ(t.interpolation(), Interpolation::kBicubic);
  EXPECT_GE(t.MemoryBytes(), 320u * 192u * 8u);
  EXPECT_LT(t.MemoryBytes(), 320u * 192u * 8u + 1024u);
  EXPECT_EQ(t.source_stride_pixels(), 1024 + 2 * kEquirectBorder);
}

TEST(RemapTableTest, RejectsUnsetCamerasAndBadSizes) {
  const Mat3 ahead = PanoFromCam(0, 0, 0);
  EXPECT_THROW(RemapTable(Pinhole::FromHfov(0, 0, 90), ahead, 1024, 512, Interpolation::kBilinear), Error);
  EXPECT_THROW(RemapTable(Pinhole::FromHfov(64, 64, 90), ahead, 2, 1, Interpolation::kBilinear), Error);
  EXPECT_THROW(RemapTable(Pinhole::FromHfov(64, 64, 90), ahead, 40000, 20000, Interpolation::kBilinear), Error);
}

// SourceRows against every entry's taps: y0 + the kernel's row extent, border rows mapped to the
// range's ends.
RowRange BruteForceRows(const RemapTable& t) {
  const int lo = t.interpolation() == Interpolation::kLanczos3 ? -2
                 : t.interpolation() == Interpolation::kBicubic ? -1
                                                                 : 0;
  const int hi = t.interpolation() == Interpolation::kLanczos3  ? 3
                 : t.interpolation() == Interpolation::kBicubic ? 2
                 : t.interpolation() == Interpolation::kBilinear ? 1
                                                                 : 0;
  int first = 1 << 30, last = -(1 << 30);
  for (const RemapEntry& e : t.entries()) {
    int x0, y0;
    t.TapPosition(e, &x0, &y0);
    first = std::min(first, y0 + lo);
    last = std::max(last, y0 + hi);
  }
  return {first < 0 ? 0 : first, last >= t.eq_height() ? t.eq_height() : last + 1};
}

TEST(RemapTableTest, SourceRowsOfALevelViewAreABandAroundTheEquator) {
  // 90° x 58.7° (1920x1080) at pitch 0: latitudes within about ±29.4° (the corners), i.e. rows
  // 1920 ± 627 of 3840.
  const View v = MakeView("table_test_view", 30, 0, 0, 90, 1920, 1080);
  for (Interpolation interp :
       {Interpolation::kNearest, Interpolation::kBilinear, Interpolation::kBicubic, Interpolation::kLanczos3}) {
    const RemapTable t(v.Camera(), v.PanoFromCam(), 7680, 3840, interp);
    const RowRange rows = t.SourceRows();
    EXPECT_EQ(rows, BruteForceRows(t)) << InterpolationName(interp);
    EXPECT_GT(rows.begin, 1280);
    EXPECT_LT(rows.begin, 1300);
    EXPECT_GT(rows.end, 2540);
    EXPECT_LT(rows.end, 2560);
    EXPECT_NEAR(rows.begin + rows.end, 3840, 6)
        << "about symmetric about the equator, " << InterpolationName(interp);
  }
}

TEST(RemapTableTest, SourceRowsOfPoleViewsReachTheEdge) {
  // Odd-sized square views whose centre pixel looks straight at the pole; the corners are
  // 54.7° from it, at row 156 (of 512) from the pole.
  for (Interpolation interp : {Interpolation::kNearest, Interpolation::kBilinear, Interpolation::kLanczos3}) {
    SCOPED_TRACE(InterpolationName(interp));
    const RemapTable up(Pinhole::FromHfov(65, 65, 90), PanoFromCam(0, 90, 0), 1024, 512, interp);
    EXPECT_EQ(up.SourceRows().begin, 0);  // includes row 0: the north pole border is needed
    EXPECT_GE(up.SourceRows().end, 155);
    EXPECT_LE(up.SourceRows().end, 162);
    EXPECT_EQ(up.SourceRows(), BruteForceRows(up));
    const RemapTable down(Pinhole::FromHfov(65, 65, 90), PanoFromCam(0, -90, 0), 1024, 512, interp);
    EXPECT_EQ(down.SourceRows().end, 512);
    EXPECT_GE(down.SourceRows().begin, 512 - 162);
    EXPECT_LE(down.SourceRows().begin, 512 - 155);
    EXPECT_EQ(down.SourceRows(), BruteForceRows(down));
  }
}

TEST(RemapTableTest, CacheSourceRowsIsTheUnionOverViews) {
  Rig rig;
  rig.views = {MakeView("table_test_view", 0, 0, 0, 90, 96, 54),
               MakeView("table_test_view", 90, 45, 0, 60, 64, 64),
               MakeView("table_test_view", 180, -10, 0, 60, 64, 64)};
  RemapCache cache(rig, Interpolation::kBilinear);
  const RowRange rows = cache.SourceRows(1024, 512);
  RowRange expected;
  for (std::size_t v = 0; v < rig.views.size(); ++v) {
    const View& view = rig.views[v];
    const RowRange r =
        RemapTable(view.Camera(), view.PanoFromCam(), 1024, 512, Interpolation::kBilinear).SourceRows();
    expected = expected.Union(r);
  }
  EXPECT_EQ(rows, expected);
  EXPECT_EQ(cache.size(), 3u);  // the tables are built (and kept) on the way
  EXPECT_GT(rows.begin, 0);
  EXPECT_LT(rows.end, 512);
  EXPECT_TRUE(RemapCache(Rig{}, Interpolation::kBilinear).SourceRows(1024, 512).empty());
}

}  // namespace
}  // namespace prep360
