// End-to-end tests of dual-fisheye input: stills (split) and videos (run, extract), side by side,
// as two streams of one file and as an Insta360 _00_/_10_ pair, against the analytic scene.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/lens/fisheye_lens.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/telemetry_samples.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

constexpr int kS = 512;  // lens circle diameter
constexpr int kMargin = 3;

Image ReadImage(const fs::path& path) { return DecodeImage(ReadFileBytes(path.string()), path.string()); }

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Every view of ring:4 (yaw 0, 90, 180, -90: two in one lens each, two across the band) of
// frame `frame` against the scene.
void ExpectViewsMatchScene(const fs::path& out, const std::string& frame, const std::string& ext, int bps,
                           double min_psnr) {
  const Rig rig = WithSize(MakePreset("ring:4"), 160, 120);
  for (const View& v : rig.views) {
    const fs::path file = out / "images" / v.name / (frame + ext);
    ASSERT_TRUE(fs::exists(file)) << file;
    const Image got = ReadImage(file);
    const double psnr = testkit::Psnr(testkit::RenderView(v, 3, bps), got, kMargin);
    EXPECT_GE(psnr, min_psnr) << v.name << " yaw " << v.yaw_deg;
  }
}

TEST(CliLensTest, SplitSideBySideStillMatchesSceneAt40dB) {
  TempDir dir;
  const Image frame = testkit::RenderDualFisheye(DefaultDualFisheye(2 * kS, kS, 190), 3, 2, 3);
  WriteFileAtomic(dir / "df.png", EncodeImage(frame, ImageFormat::kPng, EncodeOptions{}));
  const auto r = RunCli({"split", dir / "df.png", "-o", dir / "out", "--input", "dual-fisheye", "--rig", "ring:4",
                         "--size", "160x120", "--format", "png", "--interp", "bilinear", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "df", ".png", 2, 40.0);
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  const auto& input = report["source"]["input"];
  EXPECT_EQ(input["projection"], "dual-fisheye");
  EXPECT_EQ(input["lens_calib"]["lenses"].size(), 2u);
  EXPECT_DOUBLE_EQ(input["lens_calib"]["lenses"][1]["yaw"].get<double>(), 180);
  EXPECT_FALSE(input["stitched"].get<bool>());
  // The dataset records the lenses in the --lens-calib format.
  const DualFisheyeCalib recorded = ReadLensCalib((dir.path() / "out/lens_calib.json").string());
  EXPECT_EQ(recorded.width, 2 * kS);
  EXPECT_DOUBLE_EQ(recorded.lenses[1].cx, 1.5 * kS);
  EXPECT_DOUBLE_EQ(recorded.lenses[1].yaw_deg, 180);
}

TEST(CliLensTest, LensCalibFileAndItsErrors) {
  TempDir dir;
  // A calibration that moves both circles 20 px down and shrinks them: the frame is rendered
  // through it, so the views match only when the file is used.
  DualFisheyeCalib calib = DefaultDualFisheye(2 * kS, kS, 190);
  for (FisheyeLens& lens : calib.lenses) {
    lens.cy += 20;
    lens.radius -= 30;
  }
  WriteTextFileAtomic(dir / "calib.json", LensCalibToJson(calib));
  const Image frame = testkit::RenderDualFisheye(calib, 3, 2, 3);
  WriteFileAtomic(dir / "df.png", EncodeImage(frame, ImageFormat::kPng, EncodeOptions{}));
  const std::vector<std::string> common = {"split", dir / "df.png", "--input", "dual-fisheye", "--rig", "ring:4",
                                           "--size", "160x120", "--format", "png", "--interp", "bilinear",
                                           "--progress", "none"};
  auto args = common;
  args.insert(args.end(), {"-o", dir / "out", "--lens-calib", dir / "calib.json"});
  const auto r = RunCli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "df", ".png", 2, 40.0);

  auto bad = common;
  bad.insert(bad.end(), {"-o", dir / "out2", "--lens-calib", dir / "missing.json"});
  const auto e = RunCli(bad);
  EXPECT_EQ(e.exit_code, 1);
  EXPECT_NE(e.err.find(dir / "missing.json" + ": cannot open the lens calibration"), std::string::npos) << e.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out2/images"));
}

TEST(CliLensTest, InputFlagsAreJobFields) {
  const auto r = RunCli({"split", "x.png", "-o", "out", "--input", "dual-fisheye", "--lens-fov", "200",
                         "--no-cross-lens", "--print-config"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["input"]["projection"], "dual-fisheye");
  EXPECT_DOUBLE_EQ(j["input"]["lens_fov"].get<double>(), 200);
  EXPECT_FALSE(j["input"]["cross_lens"].get<bool>());
  const auto bad = RunCli({"split", "x.png", "-o", "out", "--input", "fisheye"});
  EXPECT_EQ(bad.exit_code, 2);
}

// Near-lossless 8-bit video (x264 at qp 0 in 4:4:4 still converts RGB to YUV and back).
testkit::SyntheticVideoOptions LensVideo(int width, int height, const DualFisheyeCalib& calib, int frames) {
  testkit::SyntheticVideoOptions o;
  o.width = width;
  o.height = height;
  o.fps = 10;
  o.frame_count = frames;
  o.pixel_format = "yuv444p";
  o.extra_args = {"-qp", "0"};
  o.render = [calib](int, int bps) { return testkit::RenderDualFisheye(calib, 3, bps, 3); };
  return o;
}

// One lens of the default layout, alone in a square frame of kS (lens 0 looks at yaw 0).
DualFisheyeCalib OneLens(int lens) {
  DualFisheyeCalib c = DefaultDualFisheye(2 * kS, kS, 190);
  c.width = kS;
  c.lenses[static_cast<std::size_t>(lens)].cx = kS / 2.0;
  c.lenses[static_cast<std::size_t>(1 - lens)].cx = 1e6;  // off the frame
  return c;
}

TEST(CliLensTest, RunSideBySideVideoMatchesSceneAt34dB) {
  TempDir dir;
  testkit::WriteSyntheticVideo(dir / "df.mp4", LensVideo(2 * kS, kS, DefaultDualFisheye(2 * kS, kS, 190), 2));
  const auto r = RunCli({"run", dir / "df.mp4", "-o", dir / "out", "--input", "dual-fisheye", "--rig", "ring:4",
                         "--size", "160x120", "--format", "png", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "frame_000001", ".png", 1, 34.0);
}

TEST(CliLensTest, RunTwoStreamVideoFindsBothLensesByItself) {
  TempDir dir;
  testkit::WriteSyntheticVideo(dir / "l0.mp4", LensVideo(kS, kS, OneLens(0), 2));
  testkit::WriteSyntheticVideo(dir / "l1.mp4", LensVideo(kS, kS, OneLens(1), 2));
  testkit::RunFfmpeg({"-i", dir / "l0.mp4", "-i", dir / "l1.mp4", "-map", "0:v", "-map", "1:v", "-c", "copy",
                      dir / "two.mp4"});
  const auto r = RunCli({"run", dir / "two.mp4", "-o", dir / "out", "--rig", "ring:4", "--size", "160x120",
                         "--format", "png", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "frame_000001", ".png", 1, 34.0);
  EXPECT_EQ(ReadJson(dir.path() / "out/report.json")["source"]["input"]["layout"], "two streams");
  const auto info = RunCli({"info", dir / "two.mp4"});
  ASSERT_EQ(info.exit_code, 0) << info.err;
  EXPECT_NE(info.out.find("input projection (auto): dual-fisheye"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("lens layout: two streams"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("lens 1: centre (768.0, 256.0), radius 256.0 px, fov 190, yaw 180"), std::string::npos)
      << info.out;
}

TEST(CliLensTest, RunInsta360PairFromEitherFile) {
  TempDir dir;
  const std::string f00 = dir / "VID_20240501_102030_00_007.insv", f10 = dir / "VID_20240501_102030_10_007.insv";
  auto o0 = LensVideo(kS, kS, OneLens(0), 2), o1 = LensVideo(kS, kS, OneLens(1), 2);
  o0.extra_args.insert(o0.extra_args.end(), {"-f", "mp4"});
  o1.extra_args.insert(o1.extra_args.end(), {"-f", "mp4"});
  testkit::WriteSyntheticVideo(f00, o0);
  testkit::WriteSyntheticVideo(f10, o1);
  for (const std::string& input : {f00, f10}) {
    const std::string out = dir / ("out" + fs::path(input).stem().string());
    const auto r = RunCli({"run", input, "-o", out, "--rig", "ring:4", "--size", "160x120", "--format", "png",
                           "--progress", "none"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ExpectViewsMatchScene(out, "frame_000000", ".png", 1, 34.0);
    EXPECT_EQ(ReadJson(fs::path(out) / "report.json")["source"]["input"]["layout"], "two files");
  }
}

TEST(CliLensTest, ExtractWritesStitchedEquirect) {
  TempDir dir;
  testkit::WriteSyntheticVideo(dir / "df.mp4", LensVideo(2 * kS, kS, DefaultDualFisheye(2 * kS, kS, 190), 1));
  const auto r = RunCli({"extract", dir / "df.mp4", "-o", dir / "out", "--input", "dual-fisheye", "--format", "png",
                         "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Image eq = ReadImage(dir.path() / "out/frame_000000.png");
  ASSERT_EQ(eq.width(), 2 * eq.height());
  EXPECT_EQ(eq.width(), 2 * static_cast<int>(std::lround(3.14159265358979 * (kS / 2.0) / DegToRad(95))));
  EXPECT_GE(testkit::Psnr(testkit::RenderEquirect(eq.width(), eq.height(), 3, 1, 3), eq, kMargin), 34.0);
}

// A trailer-like record 1: protobuf field 5 (the "offset" lens calibration string).
testkit::Bytes OffsetRecord(const std::string& offset) {
  testkit::Bytes b = {0x2A};  // field 5, length-delimited
  for (std::size_t n = offset.size(); ; n >>= 7) {
    b.push_back(static_cast<std::uint8_t>((n & 0x7F) | (n >= 0x80 ? 0x80 : 0)));
    if (n < 0x80) break;
  }
  b.insert(b.end(), offset.begin(), offset.end());
  return b;
}

// The camera's own calibration in the trailer is applied (centres, radii, turned lenses), and an
// explicit --lens-calib overrides it.
TEST(CliLensTest, TrailerCalibrationIsAppliedAndLensCalibOverridesIt) {
  TempDir dir;
  DualFisheyeCalib calib = DefaultDualFisheye(2 * kS, kS, 190);
  const std::string offset = "2_240_250_262_2_-1.5_3_236_770_250_-1_1_-2_1024_512_0";
  calib.lenses[0] = {250, 262, 240, 190, 2, -1.5, 3};
  calib.lenses[1] = {770, 250, 236, 190, 179, 1, -2};
  const std::string file = dir / "VID_20240501_102030_00_007.insv";
  auto o = LensVideo(2 * kS, kS, calib, 2);
  o.extra_args.insert(o.extra_args.end(), {"-f", "mp4"});
  testkit::WriteSyntheticVideo(file, o);
  testkit::AppendInsta360Trailer(file, {{1, 1, OffsetRecord(offset)}});
  const auto r = RunCli({"run", file, "-o", dir / "out", "--rig", "ring:4", "--size", "160x120", "--format", "png",
                         "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ExpectViewsMatchScene(dir.path() / "out", "frame_000001", ".png", 1, 34.0);
  const nlohmann::json input = ReadJson(dir.path() / "out/report.json")["source"]["input"];
  EXPECT_EQ(input["lens_calib_origin"], "insta360 trailer");
  EXPECT_DOUBLE_EQ(input["lens_calib"]["lenses"][1]["yaw"].get<double>(), 179);
  EXPECT_DOUBLE_EQ(input["lens_calib"]["lenses"][0]["radius"].get<double>(), 240);
  const auto info = RunCli({"info", file});
  EXPECT_NE(info.out.find("lens calibration from: insta360 trailer"), std::string::npos) << info.out;
  // --lens-calib wins: with the default lenses the same frame no longer matches the scene.
  WriteTextFileAtomic(dir / "default.json", LensCalibToJson(DefaultDualFisheye(2 * kS, kS, 190)));
  const auto d = RunCli({"run", file, "-o", dir / "out2", "--rig", "ring:4", "--size", "160x120", "--format", "png",
                         "--lens-calib", dir / "default.json", "--progress", "none"});
  ASSERT_EQ(d.exit_code, 0) << d.err;
  EXPECT_EQ(ReadJson(dir.path() / "out2/report.json")["source"]["input"]["lens_calib_origin"], "file");
  const View front = WithSize(MakePreset("ring:4"), 160, 120).views[0];
  const Image got = ReadImage(dir.path() / "out2/images" / front.name / "frame_000001.png");
  EXPECT_LT(testkit::Psnr(testkit::RenderView(front, 3, 1), got, kMargin), 30.0);
}

}  // namespace
}  // namespace prep360
