#include "prep360/mask/sphere_mask.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <numbers>
#include <vector>

#include "prep360/geometry/equirect.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig_coverage.h"
#include "prep360/testing/fixtures.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakeView;

// 8 views around the horizon, 45 degrees apart, 90 degrees wide: neighbours overlap by half.
Rig RingRig(int w, int h) {
  Rig rig;
  for (int i = 0; i < 8; ++i) rig.views.push_back(MakeView("v", 45.0 * i, 0, 0, 90, w, h));
  return rig;
}

// The six cube faces: every direction is seen.
Rig CubeRig(int size) {
  Rig rig;
  for (int i = 0; i < 4; ++i) rig.views.push_back(MakeView("v", 90.0 * i, 0, 0, 90, size, size));
  rig.views.push_back(MakeView("v", 0, 90, 0, 90, size, size));
  rig.views.push_back(MakeView("v", 0, -90, 0, 90, size, size));
  return rig;
}

Vec3 Direction(double lon_deg, double lat_deg) {
  const double lon = DegToRad(lon_deg), lat = DegToRad(lat_deg);
  return {std::cos(lat) * std::sin(lon), -std::sin(lat), std::cos(lat) * std::cos(lon)};
}

using Region = std::function<bool(const Vec3&)>;  // unit direction -> inside the object

Region Cap(const Vec3& centre, double radius_deg) {
  const double c = std::cos(DegToRad(radius_deg));
  return [centre, c](const Vec3& d) { return d.Dot(centre) >= c; };
}

Vec3 PixelDirection(const View& v, double x, double y) {
  return (v.PanoFromCam() * v.Camera().Ray(x, y)).Normalized();
}

// The object projected analytically into a view: pixel set when its centre's direction is inside.
Image ViewMaskOf(const View& v, const Region& inside) {
  Image m(v.width, v.height, 1, 1);
  const Mat3 r = v.PanoFromCam();
  const Pinhole cam = v.Camera();
  for (int y = 0; y < v.height; ++y) {
    for (int x = 0; x < v.width; ++x) {
      m.Set(x, y, 0, inside((r * cam.Ray(x + 0.5, y + 0.5)).Normalized()) ? 255 : 0);
    }
  }
  return m;
}

bool SeenByAny(const Rig& rig, const Vec3& d) {
  for (const View& v : rig.views) {
    if (ViewSees(v, d)) return true;
  }
  return false;
}

// The object on the equirect, where some view of the rig sees it.
Image EquirectMaskOf(const Rig& rig, int eq_w, const Region& inside) {
  const int eq_h = eq_w / 2;
  Image m(eq_w, eq_h, 1, 1);
  for (int j = 0; j < eq_h; ++j) {
    for (int i = 0; i < eq_w; ++i) {
      const Vec3 d = DirectionFromEquirect(i + 0.5, j + 0.5, eq_w, eq_h);
      m.Set(i, j, 0, inside(d) && SeenByAny(rig, d) ? 255 : 0);
    }
  }
  return m;
}

// Bilinear value of a mask at continuous position (x, y), taps clamped to the image.
double Bilinear(const Image& m, double x, double y) {
  const double sx = x - 0.5, sy = y - 0.5;
  const int x0 = static_cast<int>(std::floor(sx)), y0 = static_cast<int>(std::floor(sy));
  const double ax = sx - x0, ay = sy - y0;
  auto at = [&](int xx, int yy) {
    return static_cast<double>(m.At(std::clamp(xx, 0, m.width() - 1), std::clamp(yy, 0, m.height() - 1), 0));
  };
  const double top = at(x0, y0) + ax * (at(x0 + 1, y0) - at(x0, y0));
  const double bottom = at(x0, y0 + 1) + ax * (at(x0 + 1, y0 + 1) - at(x0, y0 + 1));
  return top + ay * (bottom - top);
}

struct ViewMasks {
  std::vector<Image> images;
  std::vector<const Image*> pointers;
};

ViewMasks MasksOf(const Rig& rig, const Region& inside) {
  ViewMasks vm;
  for (const View& v : rig.views) vm.images.push_back(ViewMaskOf(v, inside));
  for (const Image& m : vm.images) vm.pointers.push_back(&m);
  return vm;
}

void ExpectCapRoundTrip(const Rig& rig, int eq_w, const Vec3& centre, double radius_deg) {
  const Region cap = Cap(centre, radius_deg);
  const ViewMasks vm = MasksOf(rig, cap);
  const SphereMasker masker(rig, eq_w);
  const Image eq = masker.ToEquirect(vm.pointers);
  const Image expected = EquirectMaskOf(rig, eq_w, cap);
  ASSERT_GT(CountSet(expected), 1000);
  EXPECT_GE(MaskIoU(eq, expected), 0.98);
  // And back into every view: the analytic projection again.
  const std::vector<Image> back = masker.ToViews(eq);
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    if (CountSet(vm.images[i]) < 200) continue;  // a sliver: IoU says little
    EXPECT_GE(MaskIoU(back[i], vm.images[i]), 0.97) << "view " << i;
    const Image single = masker.ToView(eq, i);
    EXPECT_EQ(MaskIoU(single, back[i]), 1.0);
  }
}

TEST(SphereMaskTest, CapStraddlingTwoViewsMapsToTheCap) {
  ExpectCapRoundTrip(CubeRig(512), 2048, Direction(40, 10), 10);
}

TEST(SphereMaskTest, CapOnTheSeamMapsToTheCap) {
  ExpectCapRoundTrip(CubeRig(512), 2048, Direction(180, 20), 10);
  ExpectCapRoundTrip(RingRig(640, 360), 2048, Direction(-178, -5), 10);
}

TEST(SphereMaskTest, CapAtTheZenithMapsToTheCap) {
  ExpectCapRoundTrip(CubeRig(512), 2048, Direction(0, 90), 10);
  ExpectCapRoundTrip(CubeRig(512), 2048, Direction(120, 86), 10);  // holds the pole, off centre
  ExpectCapRoundTrip(CubeRig(512), 2048, Direction(-60, -88), 10);  // the nadir
}

// Every pair of neighbouring views agrees where they overlap after ToEquirect -> ToViews, even
// when the detections differed (each object is missing from some views).
TEST(SphereMaskTest, NeighbouringViewsAgreeOnTheirOverlap) {
  const Rig rig = RingRig(960, 540);
  const std::vector<Region> objects = {Cap(Direction(20, 5), 15),    Cap(Direction(100, -10), 15),
                                       Cap(Direction(200, 15), 12),   Cap(Direction(290, 0), 15),
                                       Cap(Direction(160, -20), 12),  Cap(Direction(250, 10), 12),
                                       Cap(Direction(335, 8), 14)};
  ViewMasks vm;
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    vm.images.push_back(ViewMaskOf(rig.views[i], [&](const Vec3& d) {
      for (std::size_t k = 0; k < objects.size(); ++k) {
        if ((i + k) % 3 != 0 && objects[k](d)) return true;
      }
      return false;
    }));
  }
  for (const Image& m : vm.images) vm.pointers.push_back(&m);
  const SphereMasker masker(rig, 3840);
  const std::vector<Image> out = masker.ToViews(masker.ToEquirect(vm.pointers));
  ASSERT_EQ(out.size(), rig.views.size());
  for (std::size_t a = 0; a < rig.views.size(); ++a) {
    const std::size_t b = (a + 1) % rig.views.size();
    const View& va = rig.views[a];
    const View& vb = rig.views[b];
    const Mat3 b_from_pano = vb.CamFromPano();
    const Pinhole cam_b = vb.Camera();
    std::int64_t both = 0, either = 0;
    for (int y = 0; y < va.height; ++y) {
      for (int x = 0; x < va.width; ++x) {
        const Vec3 d = PixelDirection(va, x + 0.5, y + 0.5);
        double bx = 0, by = 0;
        if (!cam_b.Project(b_from_pano * d, &bx, &by)) continue;
        if (bx < 1 || by < 1 || bx > vb.width - 1 || by > vb.height - 1) continue;
        const bool set_a = out[a].At(x, y, 0) != 0;
        const bool set_b = Bilinear(out[b], bx, by) >= 128;
        both += set_a && set_b ? 1 : 0;
        either += set_a || set_b ? 1 : 0;
      }
    }
    ASSERT_GT(either, 1000) << a << "-" << b;
    EXPECT_GE(static_cast<double>(both) / static_cast<double>(either), 0.99) << "views " << a << " and " << b << ": " << both << " / " << either;
  }
}

TEST(SphereMaskTest, MaskOfOneViewReachesItsNeighbour) {
  const Rig rig = RingRig(640, 360);
  const Region cap = Cap(Direction(22.5, 0), 10);  // in the overlap of views 0 and 1
  const Image only = ViewMaskOf(rig.views[0], cap);
  std::vector<const Image*> masks(rig.views.size(), nullptr);
  masks[0] = &only;
  const SphereMasker masker(rig, 2048);
  const Image eq = masker.ToEquirect(masks);
  const Image in_neighbour = masker.ToView(eq, 1);
  // Expected: the cap in view 1 where view 0 sees it.
  const View& v0 = rig.views[0];
  const Image expected = ViewMaskOf(rig.views[1], [&](const Vec3& d) { return cap(d) && ViewSees(v0, d); });
  ASSERT_GT(CountSet(expected), 5000);
  EXPECT_GE(MaskIoU(in_neighbour, expected), 0.98);
  EXPECT_EQ(CountSet(masker.ToView(eq, 4)), 0);  // the view behind sees none of it
}

// A view filled with 255 covers its whole footprint on the equirect with no holes, whether the
// equirect is denser than the view (where forward splatting would stipple) or coarser.
TEST(SphereMaskTest, FilledViewHasNoHoles) {
  struct Case {
    View view;
    int eq_w;
  };
  const std::vector<Case> cases = {{MakeView("v", 30, 20, 10, 90, 256, 144), 4096},
                                   {MakeView("v", -170, -35, 0, 100, 1920, 1080), 1024},
                                   {MakeView("v", 60, 70, -20, 110, 320, 320), 4096}};  // holds the zenith
  for (const Case& c : cases) {
    Rig rig;
    rig.views = {c.view};
    Image full(c.view.width, c.view.height, 1, 1);
    full.Fill(255);
    const SphereMasker masker(rig, c.eq_w);
    const Image eq = masker.ToEquirect({&full});
    const int w = eq.width(), h = eq.height();
    const Mat3 cam_from_pano = c.view.CamFromPano();
    const Pinhole cam = c.view.Camera();
    std::int64_t missing = 0, outside = 0, holes = 0, footprint = 0;
    for (int j = 0; j < h; ++j) {
      for (int i = 0; i < w; ++i) {
        const bool set = eq.At(i, j, 0) != 0;
        double x = 0, y = 0;
        const bool projects = cam.Project(cam_from_pano * DirectionFromEquirect(i + 0.5, j + 0.5, w, h), &x, &y);
        const double e = 1e-3;  // float rounding at the very edge is not a hole
        if (projects && x > e && y > e && x < cam.width - e && y < cam.height - e) {
          ++footprint;
          missing += set ? 0 : 1;
        }
        if (set && !(projects && x > -e && y > -e && x < cam.width + e && y < cam.height + e)) ++outside;
        if (!set && j > 0 && j + 1 < h) {
          const bool l = eq.At((i + w - 1) % w, j, 0) != 0, r = eq.At((i + 1) % w, j, 0) != 0;
          const bool u = eq.At(i, j - 1, 0) != 0, d = eq.At(i, j + 1, 0) != 0;
          holes += l && r && u && d ? 1 : 0;
        }
      }
    }
    EXPECT_GT(footprint, 10000);
    EXPECT_EQ(missing, 0) << c.eq_w;
    EXPECT_EQ(outside, 0) << c.eq_w;
    EXPECT_EQ(holes, 0) << c.eq_w;
  }
}

TEST(SphereMaskTest, NothingDetectedGivesAnEmptyMask) {
  const Rig rig = RingRig(64, 36);
  const SphereMasker masker(rig, 256);
  EXPECT_EQ(masker.eq_width(), 256);
  EXPECT_EQ(masker.eq_height(), 128);
  std::vector<const Image*> none(rig.views.size(), nullptr);
  Image blank(64, 36, 1, 1);
  blank.Fill(0);
  none[3] = &blank;
  const Image eq = masker.ToEquirect(none);
  EXPECT_EQ(eq.width(), 256);
  EXPECT_EQ(eq.height(), 128);
  EXPECT_EQ(CountSet(eq), 0);
  for (const Image& v : masker.ToViews(eq)) EXPECT_EQ(CountSet(v), 0);
}

TEST(SphereMaskTest, RejectsMismatchedInputs) {
  const Rig rig = RingRig(64, 36);
  const SphereMasker masker(rig, 256);
  EXPECT_THROW(masker.ToEquirect({nullptr}), Error);
  Image wrong(65, 36, 1, 1);
  wrong.Fill(0);
  std::vector<const Image*> masks(rig.views.size(), nullptr);
  masks[0] = &wrong;
  EXPECT_THROW(masker.ToEquirect(masks), Error);
  Image eq_wrong(200, 100, 1, 1);
  EXPECT_THROW(masker.ToView(eq_wrong, 0), Error);
  Image eq(256, 128, 1, 1);
  EXPECT_THROW(masker.ToView(eq, 8), Error);
  EXPECT_THROW(SphereMasker(rig, 255), Error);
  Rig unsized = rig;
  unsized.views[2].width = 0;
  EXPECT_THROW(SphereMasker(unsized, 256), Error);
}

// Rows whose centre latitude is below -deg, and only those.
TEST(SphereMaskTest, NadirSetsExactlyTheRowsBelowTheLatitude) {
  Image eq(360, 180, 1, 1);  // one row per degree: row j centred at latitude 89.5 - j
  eq.Fill(0);
  SphereMasker::AddNadir(eq, 30);  // latitude < -30: rows 120.. (row 119 is at -29.5)
  for (int j = 0; j < 180; ++j) {
    const std::uint32_t expected = j >= 120 ? 255 : 0;
    EXPECT_EQ(eq.At(0, j, 0), expected) << j;
    EXPECT_EQ(eq.At(359, j, 0), expected) << j;
  }
  eq.Fill(0);
  SphereMasker::AddNadir(eq, 29.5);  // row 119's centre is exactly at -29.5: not below it
  EXPECT_EQ(eq.At(7, 119, 0), 0u);
  EXPECT_EQ(eq.At(7, 120, 0), 255u);
  EXPECT_EQ(CountSet(eq), 60 * 360);
  eq.Fill(0);
  SphereMasker::AddNadir(eq, 90);
  EXPECT_EQ(CountSet(eq), 0);
  SphereMasker::AddNadir(eq, 0);
  EXPECT_EQ(CountSet(eq), 90 * 360);
  EXPECT_THROW(SphereMasker::AddNadir(eq, 91), Error);
  // Added to an object mask it unites: existing pixels stay.
  Image objects(360, 180, 1, 1);
  objects.Fill(0);
  objects.Set(5, 10, 0, 255);
  SphereMasker::AddNadir(objects, 60);
  EXPECT_EQ(objects.At(5, 10, 0), 255u);
  EXPECT_EQ(CountSet(objects), 1 + 30 * 360);
}

// The nadir reaches every view that looks down far enough, and only there.
TEST(SphereMaskTest, NadirShowsInTheViewsThatSeeIt) {
  Rig rig;
  rig.views = {MakeView("v", 0, -60, 0, 90, 200, 200), MakeView("v", 90, 30, 0, 90, 200, 200)};
  const SphereMasker masker(rig, 1024);
  Image eq(1024, 512, 1, 1);
  eq.Fill(0);
  SphereMasker::AddNadir(eq, 45);
  const std::vector<Image> views = masker.ToViews(eq);
  const Image expected = ViewMaskOf(rig.views[0], [](const Vec3& d) { return Latitude(d) < -DegToRad(45); });
  EXPECT_GE(MaskIoU(views[0], expected), 0.98);
  EXPECT_EQ(CountSet(views[1]), 0);
}

// Each direction seen by a view is owned by exactly one view among those that see it: the one
// whose centre is nearest. Directions within a few pixels of a tie or a frame edge are skipped.
TEST(SphereMaskTest, OwnershipMasksPartitionTheSphere) {
  for (const Rig& rig : {RingRig(480, 270), WithSize(MakePreset("default11"), 256, 256), CubeRig(200)}) {
    std::vector<Image> owned;
    for (std::size_t i = 0; i < rig.views.size(); ++i) owned.push_back(OwnershipMask(rig, i));
    int checked = 0, skipped = 0;
    constexpr int kSamples = 4000;
    for (int s = 0; s < kSamples; ++s) {
      const Vec3 d = FibonacciDirection(s, kSamples);
      int claims = 0, best = -1, seeing = 0;
      double best_dot = -2, second_dot = -2;
      bool near_edge = false;
      double pixel_angle = 0;
      for (std::size_t i = 0; i < rig.views.size(); ++i) {
        const View& v = rig.views[i];
        const Pinhole cam = v.Camera();
        pixel_angle = std::max(pixel_angle, 1.0 / cam.fx);
        double x = 0, y = 0;
        if (!cam.Project(v.CamFromPano() * d, &x, &y)) continue;
        const double margin = 3;
        if (x > -margin && y > -margin && x < cam.width + margin && y < cam.height + margin &&
            (x < margin || y < margin || x > cam.width - margin || y > cam.height - margin)) {
          near_edge = true;
        }
        if (x < 0 || y < 0 || x >= cam.width || y >= cam.height) continue;
        ++seeing;
        const double dot = d.Dot(v.PanoFromCam() * Vec3{0, 0, 1});
        if (dot > best_dot) {
          second_dot = best_dot;
          best_dot = dot;
          best = static_cast<int>(i);
        } else {
          second_dot = std::max(second_dot, dot);
        }
        if (owned[i].At(static_cast<int>(x), static_cast<int>(y), 0) != 0) ++claims;
      }
      if (seeing == 0) continue;
      if (near_edge || std::acos(std::min(1.0, second_dot)) - std::acos(best_dot) < 6 * pixel_angle) {
        ++skipped;
        continue;
      }
      ++checked;
      ASSERT_EQ(claims, 1) << "direction " << s;
      const View& v = rig.views[static_cast<std::size_t>(best)];
      double x = 0, y = 0;
      ASSERT_TRUE(v.Camera().Project(v.CamFromPano() * d, &x, &y));
      EXPECT_NE(owned[static_cast<std::size_t>(best)].At(static_cast<int>(x), static_cast<int>(y), 0), 0u);
    }
    EXPECT_GT(checked, 3 * skipped) << rig.name;
    // A view's centre pixel is its own.
    for (std::size_t i = 0; i < rig.views.size(); ++i) {
      EXPECT_EQ(owned[i].At(rig.views[i].width / 2, rig.views[i].height / 2, 0), 255u) << i;
    }
  }
}

TEST(SphereMaskTest, OwnershipTiesGoToTheLowerIndex) {
  Rig rig;
  rig.views = {MakeView("v", 10, 0, 0, 90, 64, 64), MakeView("v", 10, 0, 0, 90, 64, 64)};
  EXPECT_EQ(CountSet(OwnershipMask(rig, 0)), 64 * 64);
  EXPECT_EQ(CountSet(OwnershipMask(rig, 1)), 0);
  EXPECT_THROW(OwnershipMask(rig, 2), Error);
}

// Not a test: the per-frame cost of a typical case (8 views 1920x1080, a person in two views,
// equirect 7680x3840). Run with --gtest_also_run_disabled_tests.
TEST(SphereMaskTest, DISABLED_TypicalFrameTiming) {
  const Rig rig = RingRig(1920, 1080);
  // A standing person: 16 degrees wide, from 35 below to 25 above the horizon, in front of the
  // overlap of views 0 and 1.
  const Region person = [](const Vec3& d) {
    const double lon = RadToDeg(Longitude(d)) - 22.5, lat = RadToDeg(Latitude(d));
    return std::abs(lon) <= 8 && lat >= -35 && lat <= 25;
  };
  ViewMasks vm = MasksOf(rig, person);
  auto clock = [] { return std::chrono::steady_clock::now(); };
  auto t0 = clock();
  const SphereMasker masker(rig, 7680);
  auto t1 = clock();
  Image eq;
  std::vector<Image> views;
  constexpr int kRuns = 10;
  double to_eq = 0, to_views = 0;
  for (int k = 0; k < kRuns; ++k) {
    auto a = clock();
    eq = masker.ToEquirect(vm.pointers);
    auto b = clock();
    views = masker.ToViews(eq);
    auto c = clock();
    to_eq += std::chrono::duration<double, std::milli>(b - a).count();
    to_views += std::chrono::duration<double, std::milli>(c - b).count();
  }
  std::printf("construct %.1f ms, ToEquirect %.2f ms, ToViews %.2f ms (mean of %d), set %lld eq px\n",
              std::chrono::duration<double, std::milli>(t1 - t0).count(), to_eq / kRuns, to_views / kRuns, kRuns,
              static_cast<long long>(CountSet(eq)));
  std::vector<const Image*> none(rig.views.size(), nullptr);
  auto a = clock();
  const Image empty = masker.ToEquirect(none);
  auto b = clock();
  std::printf("ToEquirect with no masks %.2f ms\n", std::chrono::duration<double, std::milli>(b - a).count());
  EXPECT_GE(MaskIoU(views[0], vm.images[0]), 0.97);
}

}  // namespace
}  // namespace prep360
