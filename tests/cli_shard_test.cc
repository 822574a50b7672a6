// End-to-end tests of sharded jobs (--shard K/N) and `prep360 merge`: for every job command the
// shards together write exactly the bytes of one unsharded run.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "prep360/geometry/equirect.h"
#include "prep360/geometry/rotation.h"
#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/lens/fisheye_lens.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/eac_video.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/paste.h"
#include "prep360/testing/real_photos.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/telemetry_samples.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/testing/test_models.h"
#include "prep360/testing/text_render.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

using Files = std::map<std::string, std::vector<std::uint8_t>>;

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Relative path -> bytes of every file under dir but the reports (they hold timings).
Files Snapshot(const fs::path& dir) {
  Files files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    if (!e.is_regular_file() || name.rfind("report", 0) == 0) continue;
    files[fs::relative(e.path(), dir).string()] = ReadFileBytes(e.path().string());
  }
  return files;
}

std::vector<std::string> Names(const Files& files) {
  std::vector<std::string> names;
  for (const auto& [name, bytes] : files) names.push_back(name);
  return names;
}

std::vector<std::string> With(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Runs `args` once (into `sharded`, then moved to `single`: job.json records the output folder)
// and as `n` shards into `sharded` (last shard first, so no shard relies on an earlier one),
// merges, and expects identical files, job.json included.
void ExpectShardsMatchOneRun(const std::vector<std::string>& args, const fs::path& single, const fs::path& sharded,
                             int n) {
  auto r = RunCli(With(args, {"-o", sharded.string(), "--progress", "none"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  fs::rename(sharded, single);
  for (int k = n; k >= 1; --k) {
    r = RunCli(With(args, {"-o", sharded.string(), "--progress", "none", "--shard", fmt::format("{}/{}", k, n)}));
    ASSERT_EQ(r.exit_code, 0) << "shard " << k << ": " << r.err;
    EXPECT_TRUE(fs::exists(sharded / fmt::format("report.shard-{}-of-{}.json", k, n)));
  }
  r = RunCli({"merge", sharded.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Files a = Snapshot(single), b = Snapshot(sharded);
  ASSERT_GT(a.size(), 2u);
  ASSERT_EQ(Names(a), Names(b));
  for (const auto& [name, bytes] : a) EXPECT_TRUE(bytes == b.at(name)) << name << " differs";
}

// The merged report lists the frames of the single run, in order, with the same decisions.
void ExpectSameFrames(const fs::path& single, const fs::path& sharded) {
  const nlohmann::json one = ReadJson(single / "report.json"), merged = ReadJson(sharded / "report.json");
  ASSERT_EQ(merged["frames"].size(), one["frames"].size());
  for (std::size_t i = 0; i < one["frames"].size(); ++i) {
    nlohmann::json f = one["frames"][i], g = merged["frames"][i];
    EXPECT_EQ(f, g) << i;
  }
  EXPECT_EQ(merged["counts"]["inputs"], one["counts"]["inputs"]);
  EXPECT_EQ(merged["counts"]["views_written"], one["counts"]["views_written"]);
  EXPECT_EQ(merged["counts"]["equirect_written"], one["counts"]["equirect_written"]);
  EXPECT_EQ(merged["ok"], true);
}

// Two seconds of 30 fps H.264 (keyframe every 10 frames), turning and blurring so that the
// sharpest frame of a window is not its first.
class CliShardVideoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    testkit::SyntheticVideoOptions o;
    o.frame_count = 60;
    o.crf = 12;
    o.gop = 10;
    o.yaw_deg = [](int f) { return 3.0 * f; };
    o.blur_radius = [](int f) { return (f * 7) % 4; };
    clip_ = *dir_ / "walk.mp4";
    testkit::WriteSyntheticVideo(clip_, o);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static TempDir* dir_;
  static std::string clip_;
  TempDir tmp_;
};
TempDir* CliShardVideoTest::dir_ = nullptr;
std::string CliShardVideoTest::clip_;

TEST_F(CliShardVideoTest, RunSharpestPerWindowShardsMatchOneRun) {
  const std::vector<std::string> args = {"run", clip_, "--fps", "4", "--select", "sharpest", "--rig", "ring:3",
                                         "--size", "32x32", "--keep-equirect"};
  ExpectShardsMatchOneRun(args, tmp_.path() / "one", tmp_.path() / "sharded", 4);
  ExpectSameFrames(tmp_.path() / "one", tmp_.path() / "sharded");
  const nlohmann::json merged = ReadJson(tmp_.path() / "sharded/report.json");
  EXPECT_EQ(merged["counts"]["inputs"], 8);
  ASSERT_EQ(merged["shards"].size(), 4u);
  EXPECT_EQ(merged["shards"][3]["report"], "report.shard-4-of-4.json");
}

TEST_F(CliShardVideoTest, ExtractEveryNFromAStartTimeShardsMatchOneRun) {
  // Windows of 7 frames counted from the first frame at or after 0.3 s: shards 2 and 3 start
  // mid-video and must number windows from that frame, not from their own first one.
  const std::vector<std::string> args = {"extract", clip_, "--every", "7", "--start", "0.3", "--select", "sharpest"};
  ExpectShardsMatchOneRun(args, tmp_.path() / "one", tmp_.path() / "sharded", 3);
  ExpectSameFrames(tmp_.path() / "one", tmp_.path() / "sharded");
}

TEST_F(CliShardVideoTest, ExtractEveryFrameShardsMatchOneRunWithGlobalNumbers) {
  const std::vector<std::string> args = {"extract", clip_, "--start", "0.5", "--end", "1.5", "--format", "png"};
  ExpectShardsMatchOneRun(args, tmp_.path() / "one", tmp_.path() / "sharded", 4);
  EXPECT_TRUE(fs::exists(tmp_.path() / "sharded/frame_000015.png"));
  EXPECT_TRUE(fs::exists(tmp_.path() / "sharded/frame_000044.png"));
  EXPECT_FALSE(fs::exists(tmp_.path() / "sharded/frame_000045.png"));
}

// A video run's indexes list its frames by global number: the shards' parts, merged, are the
// single run's detections.json and text.json, with the frames of all shards.
TEST_F(CliShardVideoTest, RunWithDetectAndOcrShardsMatchOneRun) {
  const std::vector<std::string> args = {"run", clip_, "--fps", "4", "--rig", "ring:3", "--size", "32x32",
                                         "--detect", "--model", "face", "--ocr"};
  ExpectShardsMatchOneRun(args, tmp_.path() / "one", tmp_.path() / "sharded", 3);
  const nlohmann::json detections = ReadJson(tmp_.path() / "sharded/detections.json");
  ASSERT_EQ(detections["frames"].size(), 8u);
  EXPECT_EQ(ReadJson(tmp_.path() / "sharded/text.json")["frames"].size(), 8u);
  EXPECT_EQ(detections["frames"][7]["frame"], ReadJson(tmp_.path() / "one/report.json")["frames"][7]["name"]);
}

TEST_F(CliShardVideoTest, MinMotionAndMaxFramesCannotBeSharded) {
  auto r = RunCli({"run", clip_, "-o", tmp_ / "out", "--min-motion", "2", "--shard", "1/2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--min-motion"), std::string::npos) << r.err;
  r = RunCli({"extract", clip_, "-o", tmp_ / "out", "--max-frames", "3", "--shard", "1/2"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--max-frames"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp_.path() / "out"));
}

TEST(CliShardTest, SplitShardsMatchOneRunAndComposeWithResume) {
  TempDir tmp;
  testkit::WritePanoramas(tmp.path() / "in", 7, 128);
  const std::vector<std::string> args = {"split", tmp / "in", "--rig", "ring:3", "--size", "32x32"};
  const fs::path sharded = tmp.path() / "sharded";
  ExpectShardsMatchOneRun(args, tmp.path() / "one", sharded, 3);
  ExpectSameFrames(tmp.path() / "one", sharded);
  // Shard 2 of 3 owns panoramas 3 and 4 (7 inputs: 2, 2, 3).
  const nlohmann::json shard2 = ReadJson(sharded / "report.shard-2-of-3.json");
  ASSERT_EQ(shard2["frames"].size(), 2u);
  EXPECT_EQ(shard2["frames"][0]["name"], "pano_3");
  EXPECT_EQ(shard2["shard"]["index"], 2);

  // A lost file is rewritten by that shard with resume; nothing else is.
  ASSERT_TRUE(fs::remove(sharded / "images/cam01/pano_4.jpg"));
  auto r = RunCli(With(args, {"-o", sharded.string(), "--shard", "2/3", "--resume", "-q"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json resumed = ReadJson(sharded / "report.shard-2-of-3.json");
  EXPECT_EQ(resumed["counts"]["views_written"], 1);
  EXPECT_EQ(resumed["counts"]["frames_already_done"], 1);
  ASSERT_EQ(RunCli({"merge", sharded.string(), "-q"}).exit_code, 0);
  EXPECT_TRUE(Snapshot(tmp.path() / "one") == Snapshot(sharded));
}

TEST(CliShardTest, MergeNamesMissingShardsAndMixedSettings) {
  TempDir tmp;
  testkit::WritePanoramas(tmp.path() / "in", 4, 128);
  const std::vector<std::string> args = {"split", tmp / "in", "--rig", "ring:2", "--size", "32x32", "-q"};
  ASSERT_EQ(RunCli(With(args, {"-o", tmp / "a", "--shard", "1/3"})).exit_code, 0);
  auto r = RunCli({"merge", tmp / "a"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("shards 2, 3 of 3 have no report"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(tmp.path() / "a/report.json"));

  // Shard 2 made with another field of view (in another folder: the dataset itself refuses it).
  ASSERT_EQ(RunCli(With(args, {"-o", tmp / "b", "--shard", "2/3", "--fov", "100"})).exit_code, 0);
  ASSERT_EQ(RunCli(With(args, {"-o", tmp / "a", "--shard", "3/3"})).exit_code, 0);
  nlohmann::json other = ReadJson(tmp.path() / "b/report.shard-2-of-3.json");
  other["job"]["output"] = tmp / "a";
  std::ofstream(tmp.path() / "a/report.shard-2-of-3.json") << other.dump(2);
  r = RunCli({"merge", tmp / "a"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("report.shard-2-of-3.json: made with other settings"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("/rig/hfov"), std::string::npos) << r.err;
  r = RunCli(With(args, {"-o", tmp / "a", "--shard", "2/3", "--fov", "100"}));
  EXPECT_EQ(r.exit_code, 1) << r.err;  // the dataset refuses other settings too
  EXPECT_NE(r.err.find("other settings"), std::string::npos) << r.err;

  r = RunCli({"merge", tmp / "nowhere"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nowhere: no such folder"), std::string::npos) << r.err;
}

TEST(CliShardTest, BadShardValuesAreUsageErrors) {
  TempDir tmp;
  testkit::WritePanoramas(tmp.path() / "in", 2, 128);
  for (const char* bad : {"3/2", "0/2", "1/0", "x", "1/2/3", "+1/2"}) {
    const auto r = RunCli({"split", tmp / "in", "-o", tmp / "out", "--shard", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_NE(r.err.find("--shard"), std::string::npos) << r.err;
  }
  const auto r = RunCli({"split", tmp / "in", "-o", tmp / "out", "--shard", "1/2", "--overwrite"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
}

TEST(CliShardTest, MoreShardsThanInputsLeavesSomeShardsEmpty) {
  TempDir tmp;
  testkit::WritePanoramas(tmp.path() / "in", 2, 128);
  ExpectShardsMatchOneRun({"split", tmp / "in", "--rig", "ring:2", "--size", "16x16"}, tmp.path() / "one",
                          tmp.path() / "sharded", 5);
}

TEST(CliShardTest, MaskShardsMatchOneRun) {
  TempDir tmp;
  // The split views (and a sub-folder) as the images to mask.
  testkit::WritePanoramas(tmp.path() / "in", 3, 256);
  ASSERT_EQ(RunCli({"split", tmp / "in", "-o", tmp / "ds", "--rig", "ring:2", "--size", "64x64", "-q"}).exit_code, 0);
  const std::vector<std::string> args = {"mask", tmp / "ds/images", "--model",
                                         prep360::testkit::TestModelPath("seg_dynamic.onnx"), "--batch", "2"};
  ExpectShardsMatchOneRun(args, tmp.path() / "masks_one", tmp.path() / "masks_sharded", 2);
  const nlohmann::json merged = ReadJson(tmp.path() / "masks_sharded/report.json");
  EXPECT_EQ(merged["counts"]["images"], 6);
  EXPECT_EQ(merged["counts"]["written"], ReadJson(tmp.path() / "masks_one/report.json")["counts"]["written"]);
}

// Three 2048x1024 panoramas for split --detect --ocr: pano_1 a face across the cam00/cam01 edge
// (yaw 45) and a text line across the cam02/cam03 edge (yaw -135); pano_2 nothing; pano_3 two
// faces (yaw 180, across the seam, and yaw -60) and a text line at yaw 45.
void WriteAnnotatedPanoramas(const fs::path& dir) {
  constexpr int kWidth = 2048, kHeight = 1024;
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  const Image text = testkit::RenderTextLine("EXIT-42B", 36, 12);
  const testkit::PixelBox& f = testkit::kAstronautFace;
  const double scale = 80 / (f.x1 - f.x0);  // faces about 14 degrees wide
  auto at = [&](double yaw) { return EquirectFromDirection(PanoFromCam(yaw, 0, 0) * Vec3{0, 0, 1}, kWidth, kHeight); };
  auto face = [&](Image& eq, double yaw) {
    const EquirectPoint p = at(yaw);
    for (const int shift : {-kWidth, 0, kWidth}) {
      testkit::PasteScaled(photo, scale, eq, p.u + shift - 0.5 * (f.x0 + f.x1) * scale, p.v - 0.5 * (f.y0 + f.y1) * scale);
    }
  };
  auto line = [&](Image& eq, double yaw) {
    const EquirectPoint p = at(yaw);
    testkit::PasteScaled(text, 1.0, eq, p.u - text.width() / 2.0, p.v - text.height() / 2.0);
  };
  fs::create_directories(dir);
  for (int i = 1; i <= 3; ++i) {
    Image eq = testkit::RenderEquirect(kWidth, kHeight, 3, 1, 1);
    if (i == 1) {
      face(eq, 45);
      line(eq, -135);
    }
    if (i == 3) {
      face(eq, 180);
      face(eq, -60);
      line(eq, 45);
    }
    WriteFileAtomic((dir / fmt::format("pano_{}.png", i)).string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));
  }
}

std::size_t Entries(const nlohmann::json& index, const char* key) {
  std::size_t n = 0;
  for (const auto& frame : index["frames"]) n += frame[key].size();
  return n;
}

// detections.json and text.json list every frame once, with per-frame ids: the shards' parts,
// merged, are the single run's files byte for byte, also after a shard is resumed and merged again.
TEST(CliShardTest, SplitWithDetectAndOcrShardsMatchOneRunAndComposeWithResume) {
  TempDir tmp;
  WriteAnnotatedPanoramas(tmp.path() / "in");
  const std::vector<std::string> args = {"split", tmp / "in", "--rig", "cube6", "--format", "png",
                                         "--detect", "--model", "face", "--ocr"};
  const fs::path one = tmp.path() / "one", sharded = tmp.path() / "sharded";
  ExpectShardsMatchOneRun(args, one, sharded, 2);
  ExpectSameFrames(one, sharded);
  EXPECT_FALSE(fs::exists(sharded / "detections.shard-1-of-2.json"));
  EXPECT_FALSE(fs::exists(sharded / "text.shard-2-of-2.json"));
  // The indexes hold what the panoramas show (shard 1 wrote pano_1, shard 2 pano_2 and pano_3).
  const nlohmann::json detections = ReadJson(sharded / "detections.json"), text = ReadJson(sharded / "text.json");
  ASSERT_EQ(detections["frames"].size(), 3u);
  EXPECT_EQ(detections["frames"][2]["frame"], "pano_3");
  EXPECT_EQ(detections["frames"][0]["objects"].size(), 1u) << detections.dump();
  EXPECT_EQ(detections["frames"][1]["objects"].size(), 0u) << detections.dump();
  EXPECT_EQ(detections["frames"][2]["objects"].size(), 2u) << detections.dump();
  EXPECT_EQ(detections["frames"][2]["objects"][1]["id"], 1);  // ids count within the frame
  ASSERT_EQ(text["frames"].size(), 3u);
  EXPECT_EQ(text["frames"][0]["text"].size(), 1u) << text.dump();
  EXPECT_EQ(text["frames"][2]["text"].size(), 1u) << text.dump();
  const nlohmann::json report_one = ReadJson(one / "report.json"), merged = ReadJson(sharded / "report.json");
  EXPECT_EQ(merged["detections"]["objects"], report_one["detections"]["objects"]);
  EXPECT_EQ(merged["detections"]["view_detections"], report_one["detections"]["view_detections"]);
  EXPECT_EQ(merged["ocr"]["texts"], report_one["ocr"]["texts"]);
  EXPECT_EQ(merged["ocr"]["view_entries"], report_one["ocr"]["view_entries"]);
  EXPECT_EQ(merged["detections"]["objects"], 3);

  // Shard 2 run again for one lost view writes a part with pano_3 alone; the merge keeps pano_1
  // and pano_2 from the merged indexes.
  ASSERT_TRUE(fs::remove(sharded / "images/cam01/pano_3.png"));
  auto r = RunCli(With(args, {"-o", sharded.string(), "--shard", "2/2", "--resume", "-q"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json part = ReadJson(sharded / "detections.shard-2-of-2.json");
  ASSERT_EQ(part["frames"].size(), 1u);
  EXPECT_EQ(part["frames"][0]["frame"], "pano_3");
  ASSERT_EQ(RunCli({"merge", sharded.string(), "-q"}).exit_code, 0);
  EXPECT_TRUE(Snapshot(one) == Snapshot(sharded));
  EXPECT_EQ(Entries(ReadJson(sharded / "text.json"), "text"), Entries(text, "text"));
}

// The shard's first frame is not the video's first (it seeks to a keyframe; where depends on the
// encoder's keyframes and the even split).
void ExpectStartsMidVideo(const fs::path& shard_report) {
  const nlohmann::json r = ReadJson(shard_report);
  ASSERT_FALSE(r["frames"].empty()) << shard_report;
  EXPECT_NE(r["frames"][0]["name"], "frame_000000") << shard_report;
}

// One lens of a 2S x S dual-fisheye frame alone in an S x S frame (lens 0 looks at yaw 0); the
// field of view grows with the frame number so that every frame differs and a lens paired with
// another frame's would show.
testkit::SyntheticVideoOptions OneLensVideo(int lens, int frames) {
  constexpr int kS = 64;
  testkit::SyntheticVideoOptions o;
  o.width = kS;
  o.height = kS;
  o.fps = 10;
  o.frame_count = frames;
  o.gop = 4;
  o.render = [lens](int frame, int bps) {
    DualFisheyeCalib c = DefaultDualFisheye(2 * kS, kS, 180 + 2 * frame);
    c.width = kS;
    c.lenses[static_cast<std::size_t>(lens)].cx = kS / 2.0;
    c.lenses[static_cast<std::size_t>(1 - lens)].cx = 1e6;  // off the frame
    return testkit::RenderDualFisheye(c, 3, bps, 2);
  };
  return o;
}

TEST(CliShardTest, DualFisheyeTwoStreamRunShardsMatchOneRun) {
  TempDir tmp;
  testkit::WriteSyntheticVideo(tmp / "l0.mp4", OneLensVideo(0, 12));
  testkit::WriteSyntheticVideo(tmp / "l1.mp4", OneLensVideo(1, 12));
  testkit::RunFfmpeg({"-i", tmp / "l0.mp4", "-i", tmp / "l1.mp4", "-map", "0:v", "-map", "1:v", "-c", "copy",
                      tmp / "two.mp4"});
  const std::vector<std::string> args = {"run", tmp / "two.mp4", "--rig", "ring:2", "--size", "32x32", "--format", "png"};
  const fs::path sharded = tmp.path() / "sharded";
  ExpectShardsMatchOneRun(args, tmp.path() / "one", sharded, 3);
  ExpectSameFrames(tmp.path() / "one", sharded);
  // Keyframes every 4 frames: shard 2 seeks into the video and reads both streams from there.
  ExpectStartsMidVideo(sharded / "report.shard-2-of-3.json");
  EXPECT_EQ(ReadJson(sharded / "report.shard-2-of-3.json")["source"]["input"]["layout"], "two streams");
}

TEST(CliShardTest, DualFisheyePairExtractShardsMatchOneRun) {
  TempDir tmp;
  const std::string f00 = tmp / "VID_20240501_102030_00_007.insv", f10 = tmp / "VID_20240501_102030_10_007.insv";
  auto o0 = OneLensVideo(0, 8), o1 = OneLensVideo(1, 8);
  o0.extra_args = {"-f", "mp4"};
  o1.extra_args = {"-f", "mp4"};
  testkit::WriteSyntheticVideo(f00, o0);
  testkit::WriteSyntheticVideo(f10, o1);
  const fs::path sharded = tmp.path() / "sharded";
  ExpectShardsMatchOneRun({"extract", f10, "--format", "png"}, tmp.path() / "one", sharded, 2);
  ExpectSameFrames(tmp.path() / "one", sharded);
  ExpectStartsMidVideo(sharded / "report.shard-2-of-2.json");
}

// The picture track both telemetry videos carry: 2 s of 10 fps, 128x64, a keyframe every 5
// frames, written to tmp/plain.mp4.
void WritePlainVideo(const TempDir& tmp) {
  testkit::SyntheticVideoOptions o;
  o.width = 128;
  o.height = 64;
  o.fps = 10;
  o.frame_count = 20;
  o.gop = 5;
  testkit::WriteSyntheticVideo(tmp / "plain.mp4", o);
}

// 2 s of 10 fps video (keyframe every 5 frames) with a GPMF track: 8 GPS fixes 0.25 s apart and
// 10 gyro samples.
std::string GpmfVideo(const TempDir& tmp) {
  WritePlainVideo(tmp);
  std::vector<testkit::Bytes> payloads;
  for (int p = 0; p < 2; ++p) {
    std::vector<testkit::GpsRow> rows;
    for (int i = 0; i < 4; ++i) {
      const int k = 4 * p + i;
      rows.push_back({45.0 + 1e-4 * k + 3e-6 * k * k, 7.0 - 2e-4 * k, 200.0 + 0.5 * k});
    }
    payloads.push_back(testkit::Gps5Payload(rows, p == 0 ? "240501102030.000" : "240501102031.000", 120));
    const testkit::Bytes gyro = testkit::GyroPayload({{100, -200, 300}, {1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {p, 0, -p}}, 1000);
    payloads.back().insert(payloads.back().end(), gyro.begin(), gyro.end());
  }
  testkit::MuxDataTrack(tmp / "plain.mp4", payloads, 1000, "gpmd", tmp / "gopro.mov");
  return tmp / "gopro.mov";
}

TEST(CliShardTest, TelemetryRunShardsMatchOneRunWithGpsFiles) {
  TempDir tmp;
  const std::vector<std::string> args = {"run", GpmfVideo(tmp), "--rig", "ring:2", "--size", "32x24", "--keep-equirect"};
  const fs::path one = tmp.path() / "one", sharded = tmp.path() / "sharded";
  // Every file, gps.csv, track.geojson, imu.csv and the views' EXIF GPS included, and no part left.
  ExpectShardsMatchOneRun(args, one, sharded, 3);
  ExpectSameFrames(one, sharded);
  for (const char* file : {"gps.csv", "track.geojson", "imu.csv"}) EXPECT_TRUE(fs::exists(sharded / file)) << file;
  std::ifstream csv(sharded / "gps.csv");
  int lines = 0;
  for (std::string line; std::getline(csv, line);) ++lines;
  EXPECT_EQ(lines, 21);  // the header and all 20 frames, shard 1's first
  const nlohmann::json merged = ReadJson(sharded / "report.json");
  EXPECT_EQ(merged["source"]["telemetry"]["frames_with_gps"], 20);
  ExpectStartsMidVideo(sharded / "report.shard-2-of-3.json");
  // Shard 2 run again after the merge for a lost view writes its GPS part alone; merging again
  // takes the other shards' frames from the merged track.
  const std::string lost = ReadJson(sharded / "report.shard-2-of-3.json")["frames"][0]["name"];
  ASSERT_TRUE(fs::remove(sharded / "images/cam01" / (lost + ".jpg")));
  auto r = RunCli(With(args, {"-o", sharded.string(), "--shard", "2/3", "--resume", "-q"}));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(sharded / "gps.shard-2-of-3.json"));
  r = RunCli({"merge", sharded.string(), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Snapshot(one) == Snapshot(sharded));
}

// A GoPro-style .360 (testing/eac_video.h: two EAC tracks as two video streams, a GPMF GPS
// track), 12 frames at 10 fps with a keyframe every 4, every frame different.
TEST(CliShardTest, EacTwoStreamRunShardsMatchOneRunWithGps) {
  TempDir tmp;
  testkit::EacVideoOptions o;
  o.layout = EacLayout{96, 16};  // tracks of 320 x 96
  o.frames = 12;
  o.gop = 4;
  o.vary_frames = true;
  const std::string file = testkit::WriteEacVideo(tmp.path().string(), o);
  const fs::path one = tmp.path() / "one", sharded = tmp.path() / "sharded";
  // Every view (sharpest of each 0.2 s window), gps.csv and track.geojson, byte for byte.
  ExpectShardsMatchOneRun({"run", file, "--fps", "5", "--rig", "ring:4", "--size", "32x24", "--format", "png"}, one,
                          sharded, 3);
  ExpectSameFrames(one, sharded);
  const nlohmann::json shard2 = ReadJson(sharded / "report.shard-2-of-3.json");
  EXPECT_EQ(shard2["source"]["input"]["projection"], "eac");
  EXPECT_EQ(shard2["source"]["input"]["layout"], "two streams");
  // Keyframes every 4 frames: shard 2 seeks into the video and reads both tracks from there.
  ExpectStartsMidVideo(sharded / "report.shard-2-of-3.json");
  std::ifstream csv(sharded / "gps.csv");
  int lines = 0;
  for (std::string line; std::getline(csv, line);) ++lines;
  EXPECT_EQ(lines, 7);  // the header and the 6 kept frames
  EXPECT_EQ(ReadJson(sharded / "report.json")["source"]["telemetry"]["frames_with_gps"], 6);
}

// 2 s of 10 fps video (keyframe every 5 frames) with a CAMM track of type 6 packets (GPS time,
// fix, position) every 0.25 s; the packet at 1 s has no fix and is skipped.
std::string CammVideo(const TempDir& tmp) {
  WritePlainVideo(tmp);
  std::vector<testkit::Bytes> packets;
  for (int k = 0; k < 8; ++k) {
    const testkit::GpsRow row{45.0 + 1e-4 * k + 3e-6 * k * k, 7.0 - 2e-4 * k, 200.0 + 0.5 * k};
    packets.push_back(testkit::CammType6(1398508000.0 + 0.25 * k, k == 4 ? 0 : 3, row));
  }
  testkit::MuxDataTrack(tmp / "plain.mp4", packets, 250, "camm", tmp / "camm.mov");
  return tmp / "camm.mov";
}

TEST(CliShardTest, CammTelemetryRunShardsMatchOneRunWithGpsFiles) {
  TempDir tmp;
  const std::vector<std::string> args = {"run", CammVideo(tmp), "--every", "1", "--rig", "ring:2", "--size", "32x24"};
  const fs::path one = tmp.path() / "one", sharded = tmp.path() / "sharded";
  // Every view with its EXIF GPS, gps.csv and track.geojson, byte for byte, and no part left.
  ExpectShardsMatchOneRun(args, one, sharded, 4);
  ExpectSameFrames(one, sharded);
  for (const auto& e : fs::directory_iterator(sharded)) {
    EXPECT_EQ(e.path().filename().string().rfind("gps.shard-", 0), std::string::npos) << e.path();
  }
  // Fixes reach 1.75 s + 0.5 s: all 20 frames have a position, with the fix's UTC time.
  const nlohmann::json merged = ReadJson(sharded / "report.json");
  EXPECT_EQ(merged["source"]["telemetry"]["frames_with_gps"], 20);
  const ViewMetadataReadback m = ReadViewMetadata((sharded / "images/cam01/frame_000013.jpg").string());
  ASSERT_TRUE(m.gps && m.gps->utc_s);
  EXPECT_NEAR(m.gps->latitude_deg, 45.0 + 1e-4 * 5.2 + 3e-6 * (5 * 5 + 0.2 * (36 - 25)), 1e-7);
  ExpectStartsMidVideo(sharded / "report.shard-3-of-4.json");
}

}  // namespace
}  // namespace prep360
