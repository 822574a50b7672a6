// End-to-end tests of GoPro MAX EAC input: a still holding both tracks (split), and a GoPro-style
// file with the two EAC tracks as two video streams plus a GPMF data track (run, extract, info),
// against the analytic scene. The tracks are MAX-shaped (3F + 2G by F, G = 32) but smaller.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/lens/eac_layout.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig.h"
#include "prep360/rig/rig_json.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/eac_video.h"
#include "prep360/testing/fixtures.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

constexpr int kMargin = 3;
const EacLayout kLayout{384, 32};  // tracks of 1216 x 384

Image ReadImage(const fs::path& path) { return DecodeImage(ReadFileBytes(path.string()), path.string()); }

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Views of ring:4 (yaw 0, 90, 180, -90: the front and back faces, and the two side faces whose
// middles hold the lens band; each 90 degrees wide, so their edges cross face edges) and one
// looking at a cube corner, against the scene.
const std::vector<View>& Views() {
  static const std::vector<View> views = [] {
    std::vector<View> v = WithSize(MakePreset("ring:4"), 160, 120).views;
    v.push_back(testkit::MakeView("corner", 135, 35, 10, 90, 160, 120));
    return v;
  }();
  return views;
}

void WriteRig(const fs::path& path) {
  Rig rig;
  rig.name = "eac";
  rig.views = Views();
  WriteTextFileAtomic(path.string(), RigToJson(rig));
}

void ExpectViewsMatchScene(const fs::path& out, const std::string& frame, const std::string& ext, int bps,
                           double min_psnr) {
  for (const View& v : Views()) {
    const fs::path file = out / "images" / v.name / (frame + ext);
    ASSERT_TRUE(fs::exists(file)) << file;
    const double psnr = testkit::Psnr(testkit::RenderView(v, 3, bps), ReadImage(file), kMargin);
    EXPECT_GE(psnr, min_psnr) << v.name;
  }
}

TEST(CliEacTest, SplitStillOfBothTracksMatchesSceneAt40dB) {
  TempDir dir;
  WriteFileAtomic(dir / "max.png", EncodeImage(testkit::RenderEac(kLayout, 3, 2, 3), ImageFormat::kPng, EncodeOptions{}));
  WriteRig(dir.path() / "rig.json");
  const auto r = RunCli({"split", dir / "max.png", "-o", dir / "out", "--input", "eac", "--rig", dir / "rig.json",
                         "--format", "png", "--interp", "bilinear", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "max", ".png", 2, 40.0);
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  const auto& input = report["source"]["input"];
  EXPECT_EQ(input["projection"], "eac");
  EXPECT_EQ(input["face"], 384);
  EXPECT_EQ(input["guard"], 32);
  // A still that is not two EAC halves is refused with its name.
  WriteFileAtomic(dir / "flat.png", EncodeImage(testkit::RenderEquirect(512, 256), ImageFormat::kPng, EncodeOptions{}));
  const auto bad = RunCli({"split", dir / "flat.png", "-o", dir / "out2", "--input", "eac", "--progress", "none"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find(dir / "flat.png" + ": 512x128 is not one half of an EAC frame"), std::string::npos) << bad.err;
}

// A GoPro-like .360 (testing/eac_video.h): the two tracks as video streams 0 and 1, and a gpmd
// track with GPS5.
std::string WriteMaxFile(const TempDir& dir, int frames) {
  testkit::EacVideoOptions o;
  o.layout = kLayout;
  o.frames = frames;
  return testkit::WriteEacVideo(dir.path().string(), o);
}

TEST(CliEacTest, RunGoProStyleFileByItselfMatchesSceneAt34dBWithGps) {
  TempDir dir;
  const std::string file = WriteMaxFile(dir, 2);
  WriteRig(dir.path() / "rig.json");
  const auto r = RunCli({"run", file, "-o", dir / "out", "--rig", dir / "rig.json", "--format", "png",
                         "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "frame_000001", ".png", 1, 34.0);
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["source"]["input"]["projection"], "eac");
  EXPECT_EQ(report["source"]["input"]["layout"], "two streams");
  // GPS5 fixes 0.25 s apart: frame 1 (0.1 s) is 0.4 of the way from fix 0 to fix 1.
  std::ifstream csv(dir.path() / "out/gps.csv");
  std::string header, row0, row1;
  std::getline(csv, header);
  std::getline(csv, row0);
  std::getline(csv, row1);
  EXPECT_EQ(row1.rfind("frame_000001,0.100000,45.000400000,7.000800000,", 0), 0u) << row1;
  const auto info = RunCli({"info", file});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("input projection (auto): eac"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("EAC tracks: 1216x384 each (left, front, right / down, back, up), face 384 px, guard 32 px"),
            std::string::npos)
      << info.out;
  EXPECT_NE(info.out.find("telemetry: gpmf"), std::string::npos) << info.out;
  // The same file under a neutral name is recognised by its streams.
  fs::copy_file(file, dir.path() / "renamed.mov");
  const auto info2 = RunCli({"info", dir / "renamed.mov"});
  EXPECT_NE(info2.out.find("input projection (auto): eac"), std::string::npos) << info2.out;
}

TEST(CliEacTest, ExtractWritesStitchedEquirect) {
  TempDir dir;
  const std::string file = WriteMaxFile(dir, 1);
  const auto r = RunCli({"extract", file, "-o", dir / "out", "--format", "png", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Image eq = ReadImage(dir.path() / "out/frame_000000.png");
  EXPECT_EQ(eq.width(), 4 * kLayout.face);
  ASSERT_EQ(eq.width(), 2 * eq.height());
  EXPECT_GE(testkit::Psnr(testkit::RenderEquirect(eq.width(), eq.height(), 3, 1, 3), eq, kMargin), 34.0);
}

}  // namespace
}  // namespace prep360
