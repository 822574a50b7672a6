#include "prep360/rig/presets.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "prep360/geometry/equirect.h"
#include "prep360/rig/rig_coverage.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct Expected {
  double yaw, pitch;
};

void ExpectViews(const Rig& rig, const std::vector<Expected>& expected, double hfov, int width = 0,
                 int height = 0) {
  ASSERT_EQ(rig.views.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const View& v = rig.views[i];
    EXPECT_EQ(v.name, (i < 10 ? "cam0" : "cam") + std::to_string(i));
    EXPECT_DOUBLE_EQ(v.yaw_deg, expected[i].yaw) << v.name;
    EXPECT_DOUBLE_EQ(v.pitch_deg, expected[i].pitch) << v.name;
    EXPECT_DOUBLE_EQ(v.roll_deg, 0) << v.name;
    EXPECT_DOUBLE_EQ(v.hfov_deg, hfov) << v.name;
    EXPECT_EQ(v.width, width) << v.name;
    EXPECT_EQ(v.height, height) << v.name;
  }
}

std::vector<Expected> Ring(int n, double pitch, double first = 0) {
  std::vector<Expected> out;
  for (int i = 0; i < n; ++i) out.push_back({first + 360.0 * i / n, pitch});
  return out;
}

std::vector<Expected> Concat(std::initializer_list<std::vector<Expected>> parts) {
  std::vector<Expected> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

double CentreLatitudeDeg(const View& v) { return RadToDeg(Latitude(v.PanoFromCam() * Vec3{0, 0, 1})); }
double CentreLongitudeDeg(const View& v) { return RadToDeg(Longitude(v.PanoFromCam() * Vec3{0, 0, 1})); }

TEST(PresetTest, Seed8) {
  const Rig rig = MakePreset("seed8");
  EXPECT_EQ(rig.name, "seed8");
  ExpectViews(rig, Ring(8, 0), 110, 1920, 1920);
}

TEST(PresetTest, Seed24HasTheReferenceOrderWithCorrectPitchSign) {
  const Rig rig = MakePreset("seed24");
  ExpectViews(rig, Concat({Ring(8, 0), Ring(8, -30), Ring(8, 30)}), 110, 1920, 1920);
  // "Look Up" (cam16-23) really looks up: its centre is at latitude +30.
  EXPECT_NEAR(CentreLatitudeDeg(rig.views[16]), 30, 1e-9);
  EXPECT_NEAR(CentreLatitudeDeg(rig.views[8]), -30, 1e-9);  // "Look Down"
}

TEST(PresetTest, Cube6) {
  const Rig rig = MakePreset("cube6");
  ExpectViews(rig, {{0, 0}, {90, 0}, {180, 0}, {-90, 0}, {0, 90}, {0, -90}}, 90);
  EXPECT_NEAR(CentreLongitudeDeg(rig.views[1]), 90, 1e-9);  // right
  EXPECT_NEAR(CentreLatitudeDeg(rig.views[4]), 90, 1e-9);   // up
  const RigCoverage c = ComputeCoverage(rig);
  EXPECT_EQ(c.covered, 1.0);
  EXPECT_LT(c.overlapped, 0.001);  // faces only touch
}

TEST(PresetTest, RingN) {
  ExpectViews(MakePreset("ring:1"), {{0, 0}}, 90);
  ExpectViews(MakePreset("ring:4"), {{0, 0}, {90, 0}, {180, 0}, {-90, 0}}, 90);
  const Rig r64 = MakePreset("ring:64");
  ASSERT_EQ(r64.views.size(), 64u);
  EXPECT_EQ(r64.name, "ring:64");
  EXPECT_DOUBLE_EQ(r64.views[1].yaw_deg, 5.625);
  EXPECT_DOUBLE_EQ(r64.views[63].yaw_deg, -5.625);
  EXPECT_EQ(r64.views[63].name, "cam63");
}

// pycolmap panorama.py PERSPECTIVE_OVERLAPPING: pitches -35, 0, +35 in that order; the ring
// with positive pitch is offset by half a step.
TEST(PresetTest, Colmap12) {
  ExpectViews(MakePreset("colmap12"), Concat({Ring(4, -35, 45), Ring(4, 0), Ring(4, 35, 45)}), 90);
}

// nerfstudio equirect_utils.py order (pitch 0 ring, its "+45", its "-45"), yaws from
// np.arange(-180, 180, step); equilib's +yaw is left and +pitch is down, so both flip here.
TEST(PresetTest, Nerfstudio) {
  ExpectViews(MakePreset("nerfstudio8"),
              {{180, 0}, {90, 0}, {0, 0}, {-90, 0}, {180, -45}, {0, -45}, {180, 45}, {0, 45}}, 120);
  // clang-format off
  ExpectViews(MakePreset("nerfstudio14"),
              {{180, 0}, {120, 0}, {60, 0}, {0, 0}, {-60, 0}, {-120, 0},
               {180, -45}, {90, -45}, {0, -45}, {-90, -45},
               {180, 45}, {90, 45}, {0, 45}, {-90, 45}},
              110);
  // clang-format on
}

TEST(PresetTest, Dome16) {
  ExpectViews(MakePreset("dome16"), Concat({Ring(8, 0), Ring(4, 45, 45), Ring(4, -45, 45)}), 90);
}

TEST(PresetTest, DefaultLayout) {
  const Rig rig = MakePreset(kDefaultRigName);
  EXPECT_EQ(rig.name, "default11");
  // clang-format off
  ExpectViews(rig,
              {{0, 30}, {72, 30}, {144, 30}, {-144, 30}, {-72, 30},
               {0, -35}, {72, -35}, {144, -35}, {-144, -35}, {-72, -35},
               {0, 90}},
              100);
  // clang-format on
}

// The default's promise (docs/rigs.md): every direction above latitude -84 (so above any nadir
// cap from -60 down) is seen, and every pair of neighbouring views (Voronoi-adjacent centres)
// shares >= 35% of its image area.
TEST(PresetTest, DefaultCoverageAndNeighbourOverlap) {
  const Rig rig = MakePreset(kDefaultRigName);
  EXPECT_EQ(ComputeCoverage(rig, 40000, -60).covered, 1.0);
  const RigCoverage c = ComputeCoverage(rig, 40000, -84);
  EXPECT_EQ(c.covered, 1.0);
  EXPECT_GE(c.min_neighbour_overlap, 0.35);
  EXPECT_GT(ComputeCoverage(rig, 40000).covered, 0.997);
  // 5 + 5 in-ring pairs, 5 vertical pairs, 5 pairs with the zenith view.
  const std::vector<ViewPair> pairs = NeighbourPairs(rig);
  EXPECT_EQ(pairs.size(), 20u);
  for (const ViewPair& p : pairs) EXPECT_GE(p.overlap, 0.30) << p.a << "-" << p.b;
}

TEST(PresetTest, FibonacciN) {
  const Rig r20 = MakePreset("fibonacci:20");
  ASSERT_EQ(r20.views.size(), 20u);
  EXPECT_EQ(r20.views[19].name, "cam19");
  // hfov = clamp(2.4 sqrt(4 pi / N) rad, 20, 120).
  EXPECT_NEAR(r20.views[0].hfov_deg, RadToDeg(2.4 * std::sqrt(4 * std::numbers::pi / 20)), 1e-9);
  EXPECT_DOUBLE_EQ(MakePreset("fibonacci:4").views[0].hfov_deg, 120);
  // Centres on the golden spiral: latitude asin(1 - (2i+1)/N), from the top down.
  for (int i = 0; i < 20; ++i) {
    EXPECT_NEAR(r20.views[i].pitch_deg, RadToDeg(std::asin(1 - (2.0 * i + 1) / 20)), 1e-9);
    EXPECT_EQ(r20.views[i].roll_deg, 0);
  }
  for (const char* name : {"fibonacci:20", "fibonacci:50", "fibonacci:100"}) {
    const RigCoverage c = ComputeCoverage(MakePreset(name), 20000);
    EXPECT_EQ(c.covered, 1.0) << name;
    EXPECT_GE(c.min_neighbour_overlap, 0.30) << name;
  }
  const Rig r200 = MakePreset("fibonacci:200");
  ASSERT_EQ(r200.views.size(), 200u);
  EXPECT_EQ(r200.views[0].name, "cam000");  // three digits past 100 views
  EXPECT_EQ(r200.views[199].name, "cam199");
}

TEST(PresetTest, ListedPresetsAllBuild) {
  std::set<std::string> names;
  for (const PresetInfo& p : ListPresets()) {
    EXPECT_FALSE(p.description.empty());
    EXPECT_EQ(p.description.find('\n'), std::string::npos);
    std::string name = p.name;
    if (name.ends_with(":N")) name.replace(name.size() - 1, 1, "12");
    EXPECT_FALSE(MakePreset(name).views.empty()) << name;
    names.insert(p.name);
  }
  EXPECT_EQ(ListPresets().front().name, kDefaultRigName);
  for (const char* n : {"seed8", "seed24", "cube6", "ring:N", "colmap12", "nerfstudio8", "nerfstudio14",
                        "dome16", "fibonacci:N"}) {
    EXPECT_TRUE(names.count(n)) << n;
  }
}

std::string ErrorOf(const std::string& name) {
  try {
    MakePreset(name);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(PresetTest, UnknownNamesAndBadParametersListValidNames) {
  const std::string unknown = ErrorOf("seed9");
  EXPECT_EQ(
      unknown.rfind("unknown rig preset 'seed9' (valid presets: default11, seed8, seed24, cube6, ring:N", 0),
      0u)
      << unknown;
  for (const char* bad : {"ring:0", "ring:65", "ring:x", "ring:", "ring:8x", "ring:-3", "ring: 8"}) {
    const std::string e = ErrorOf(bad);
    EXPECT_EQ(
        e.rfind(std::string("rig preset '") + bad + "': N must be an integer in 1..64 (valid presets: ", 0),
        0u)
        << e;
    EXPECT_NE(e.find("fibonacci:N"), std::string::npos);
  }
  for (const char* bad : {"fibonacci:2", "fibonacci:3", "fibonacci:201", "fibonacci:ten"}) {
    const std::string e = ErrorOf(bad);
    EXPECT_EQ(e.rfind(std::string("rig preset '") + bad + "': N must be an integer in 4..200", 0), 0u) << e;
  }
  EXPECT_NE(ErrorOf(""), "");
  EXPECT_NE(ErrorOf("Seed8"), "");  // names are case-sensitive
}

}  // namespace
}  // namespace prep360
