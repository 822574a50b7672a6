// End-to-end tests of `prep360 extract`, `prep360 run` and `prep360 info VIDEO` on synthetic
// 360° videos made by the tests (ffmpeg CLI, libx264/libx265).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// Relative path -> bytes of every regular file under dir (report.json excluded: it holds timings).
std::map<std::string, std::vector<std::uint8_t>> Snapshot(const fs::path& dir) {
  std::map<std::string, std::vector<std::uint8_t>> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    // report.json and job.json record the run and its settings, not the dataset's pixels.
    if (!e.is_regular_file() || e.path().filename() == "report.json" || e.path().filename() == "job.json") continue;
    files[fs::relative(e.path(), dir).string()] = ReadFileBytes(e.path().string());
  }
  return files;
}

std::vector<std::string> FilesIn(const fs::path& dir, const std::string& ext) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().extension() == ext) names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

// Two seconds of 30 fps 256x128 H.264, turning 3 degrees per frame, with a creation time.
class CliVideoTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    testkit::SyntheticVideoOptions o;
    o.frame_count = 60;
    o.crf = 12;
    o.gop = 10;
    o.creation_time = "2024-05-01T10:20:30Z";
    o.yaw_deg = [](int f) { return 3.0 * f; };
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
TempDir* CliVideoTest::dir_ = nullptr;
std::string CliVideoTest::clip_;

TEST_F(CliVideoTest, ExtractKeepsOneFramePerWindowWithTimesAndPanoramaMetadata) {
  const fs::path out = tmp_.path() / "frames";
  const auto r = RunCli({"extract", clip_, "-o", out.string(), "--fps", "2", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(out, ".jpg"),
            (std::vector<std::string>{"frame_000000.jpg", "frame_000015.jpg", "frame_000030.jpg", "frame_000045.jpg"}));
  const auto report = ReadJson(out / "report.json");
  EXPECT_EQ(report["command"], "extract");
  ASSERT_EQ(report["frames"].size(), 4u);
  EXPECT_EQ(report["frames"][1]["index"], 15);
  EXPECT_NEAR(report["frames"][1]["time_s"].get<double>(), 0.5, 1e-6);
  EXPECT_EQ(report["source"]["codec"], "h264");
  EXPECT_EQ(report["counts"]["equirect_written"], 4);
  const ViewMetadataReadback meta = ReadViewMetadata((out / "frame_000015.jpg").string());
  EXPECT_EQ(meta.gpano_projection, "equirectangular");
  EXPECT_EQ(meta.gpano_full_width, 256);
  EXPECT_EQ(meta.gpano_full_height, 128);
  EXPECT_EQ(meta.datetime_original, "2024:05:01 10:20:30");
  EXPECT_EQ(meta.subsec_original, "500");
  const ImageInfo info = ReadImageInfo((out / "frame_000030.jpg").string());
  EXPECT_EQ(info.width, 256);
  EXPECT_EQ(info.height, 128);
}

TEST_F(CliVideoTest, ExtractSamplingOptions) {
  const fs::path every = tmp_.path() / "every";
  auto r = RunCli({"extract", clip_, "-o", every.string(), "--every", "25", "--format", "png", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(every, ".png"),
            (std::vector<std::string>{"frame_000000.png", "frame_000025.png", "frame_000050.png"}));
  const fs::path range = tmp_.path() / "range";
  r = RunCli({"extract", clip_, "-o", range.string(), "--start", "1", "--end", "1.5", "--fps", "10", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(range, ".jpg"), (std::vector<std::string>{"frame_000030.jpg", "frame_000033.jpg",
                                                              "frame_000036.jpg", "frame_000039.jpg",
                                                              "frame_000042.jpg"}));
  const fs::path capped = tmp_.path() / "capped";
  r = RunCli({"extract", clip_, "-o", capped.string(), "--max-frames", "3", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(capped, ".jpg"),
            (std::vector<std::string>{"frame_000000.jpg", "frame_000001.jpg", "frame_000002.jpg"}));
}

TEST_F(CliVideoTest, RunEqualsExtractThenSplit) {
  const std::vector<std::string> rig = {"--rig", "cube6", "--size", "64x64", "--format", "png", "-q"};
  std::vector<std::string> run = {"run", clip_, "-o", (tmp_.path() / "run").string(), "--fps", "5"};
  run.insert(run.end(), rig.begin(), rig.end());
  auto r = RunCli(run);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCli({"extract", clip_, "-o", (tmp_.path() / "frames").string(), "--fps", "5", "--format", "png", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> split = {"split", (tmp_.path() / "frames").string(), "-o",
                                    (tmp_.path() / "split").string()};
  split.insert(split.end(), rig.begin(), rig.end());
  r = RunCli(split);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto run_files = Snapshot(tmp_.path() / "run" / "images");
  const auto split_files = Snapshot(tmp_.path() / "split" / "images");
  ASSERT_EQ(run_files.size(), 6u * 10u);
  ASSERT_EQ(run_files.size(), split_files.size());
  for (const auto& [name, bytes] : run_files) {
    ASSERT_TRUE(split_files.count(name)) << name;
    EXPECT_TRUE(testkit::SamePixels(DecodeImage(bytes, name), DecodeImage(split_files.at(name), name))) << name;
  }
  EXPECT_EQ(ReadFileBytes((tmp_.path() / "run/rig_config.json").string()),
            ReadFileBytes((tmp_.path() / "split/rig_config.json").string()));
  const auto report = ReadJson(tmp_.path() / "run/report.json");
  EXPECT_EQ(report["command"], "run");
  EXPECT_EQ(report["counts"]["views_written"], 60);
  EXPECT_EQ(report["frames"][3]["name"], "frame_000018");
}

TEST_F(CliVideoTest, SkippingNonReferenceFramesChangesNoPixel) {
  // --fps 5 on 30 fps keeps frames 0, 6, 12, ... and lets the decoder skip the non-reference
  // frames in between; --every 6 keeps the same frames and decodes every frame.
  auto r = RunCli({"extract", clip_, "-o", (tmp_.path() / "fps").string(), "--fps", "5", "--format", "png", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = RunCli({"extract", clip_, "-o", (tmp_.path() / "every").string(), "--every", "6", "--format", "png", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto fps = Snapshot(tmp_.path() / "fps");
  const auto every = Snapshot(tmp_.path() / "every");
  ASSERT_EQ(fps.size(), 10u);
  ASSERT_EQ(every.size(), 10u);
  for (const auto& [name, bytes] : fps) {
    ASSERT_TRUE(every.count(name)) << name;
    EXPECT_TRUE(testkit::SamePixels(DecodeImage(bytes, name), DecodeImage(every.at(name), name))) << name;
  }
  const auto skipped = ReadJson(tmp_.path() / "fps/report.json")["source"]["frames_decoded"].get<int>();
  const auto all = ReadJson(tmp_.path() / "every/report.json")["source"]["frames_decoded"].get<int>();
  EXPECT_EQ(all, 60);
  EXPECT_LT(skipped, all);  // libx264's default GOP has non-reference B-frames
}

TEST_F(CliVideoTest, RunResumeContinuesAndProducesTheSameFiles) {
  const fs::path out = tmp_.path() / "ds";
  const std::vector<std::string> args = {"run", clip_, "-o", out.string(), "--fps", "4", "--rig", "ring:4",
                                         "--size", "64x48", "-q"};
  auto r = RunCli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto first = Snapshot(out);
  // A stopped run: views of the last frames (fps 4: 0, 8, 15, 23, 30, 38, 45, 53) are missing.
  fs::remove(out / "images/cam00/frame_000053.jpg");
  fs::remove(out / "images/cam01/frame_000053.jpg");
  fs::remove(out / "images/cam03/frame_000045.jpg");
  std::vector<std::string> resume = args;
  resume.push_back("--resume");
  r = RunCli(resume);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Snapshot(out), first);
  const auto report = ReadJson(out / "report.json");
  EXPECT_EQ(report["counts"]["views_written"], 3);
  EXPECT_EQ(report["counts"]["frames_already_done"], 6);
}

TEST_F(CliVideoTest, KeepEquirectWritesTheFramesToo) {
  const fs::path out = tmp_.path() / "ds";
  const auto r = RunCli({"run", clip_, "-o", out.string(), "--fps", "1", "--rig", "ring:3", "--size", "32x32",
                         "--keep-equirect", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(out / "equirect", ".jpg"), (std::vector<std::string>{"frame_000000.jpg", "frame_000030.jpg"}));
  EXPECT_TRUE(fs::exists(out / "images/cam02/frame_000030.jpg"));
}

TEST_F(CliVideoTest, InfoDescribesTheVideo) {
  const auto r = RunCli({"info", clip_});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("h264"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("256x128"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("30.000 fps"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("60 frames"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("2024-05-01"), std::string::npos) << r.out;
}

TEST(CliVideoSelectTest, SharpestAndMinMotionReachTheFilesAndTheReport) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.frame_count = 60;
  o.crf = 12;
  o.blur_radius = [](int f) { return f % 15 == 9 ? 0 : 4; };     // one sharp frame per 0.5 s
  o.yaw_deg = [](int f) { return f < 30 ? 0.0 : 3.0 * (f - 30); };  // still for 1 s, then turning
  const std::string clip = dir / "sel.mp4";
  testkit::WriteSyntheticVideo(clip, o);
  auto r = RunCli({"extract", clip, "-o", dir / "sharp", "--fps", "2", "--select", "sharpest", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(dir.path() / "sharp", ".jpg"), (std::vector<std::string>{"frame_000009.jpg", "frame_000024.jpg",
                                                                             "frame_000039.jpg", "frame_000054.jpg"}));
  EXPECT_TRUE(ReadJson(dir.path() / "sharp/report.json")["frames"][0].contains("sharpness"));
  r = RunCli({"extract", clip, "-o", dir / "moving", "--every", "5", "--min-motion", "1", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto kept = FilesIn(dir.path() / "moving", ".jpg");
  ASSERT_FALSE(kept.empty());
  EXPECT_EQ(kept.front(), "frame_000000.jpg");
  for (const auto& name : kept) {
    if (name == "frame_000000.jpg") continue;
    EXPECT_GE(std::stoi(name.substr(6, 6)), 30) << name;  // nothing from the still second
  }
  EXPECT_GE(kept.size(), 5u);  // the turning second is kept
  const auto report = ReadJson(dir.path() / "moving/report.json");
  EXPECT_GE(report["dropped_frames"].size(), 5u);
  EXPECT_TRUE(report["dropped_frames"][0].contains("motion_deg"));
}

TEST(CliVideoBitDepthTest, TenBitHevcStaysSixteenBitInPngAndEightInJpeg) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.codec = "libx265";
  o.pixel_format = "yuv420p10le";
  o.frame_count = 6;
  o.crf = 10;
  o.extra_args = {"-x265-params", "log-level=error"};
  const std::string clip = dir / "ten.mkv";
  testkit::WriteSyntheticVideo(clip, o);
  auto r = RunCli({"extract", clip, "-o", dir / "png", "--format", "png", "--max-frames", "1", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const ImageInfo png = ReadImageInfo(dir / "png/frame_000000.png");
  EXPECT_EQ(png.bit_depth, 16);
  const Image decoded = ReadImage(dir / "png/frame_000000.png");
  const Image truth = testkit::RenderSyntheticFrame(o, 0, 2);
  EXPECT_GT(testkit::Psnr(truth, decoded, 2), 30.0);
  r = RunCli({"run", clip, "-o", dir / "jpg", "--rig", "ring:2", "--size", "32x32", "--max-frames", "1", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadImageInfo(dir / "jpg/images/cam00/frame_000000.jpg").bit_depth, 8);
}

TEST(CliVideoErrorTest, MissingFileAndNonVideoGiveOneLineErrors) {
  TempDir dir;
  auto r = RunCli({"extract", dir / "nope.mp4", "-o", dir / "out", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nope.mp4"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  {
    std::ofstream text(dir / "notes.mp4");
    text << "these are not the frames you are looking for\n";
  }
  r = RunCli({"run", dir / "notes.mp4", "-o", dir / "out", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("notes.mp4"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out/report.json"));
}

TEST(CliVideoErrorTest, NonEquirectVideoIsRefusedUnlessForced) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.width = 160;
  o.height = 120;
  o.frame_count = 3;
  const std::string clip = dir / "flat.mp4";
  testkit::WriteSyntheticVideo(clip, o);
  auto r = RunCli({"extract", clip, "-o", dir / "out", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("flat.mp4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2:1"), std::string::npos) << r.err;
  r = RunCli({"extract", clip, "-o", dir / "out", "--force", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(dir / "out", ".jpg").size(), 3u);
}

TEST(CliVideoErrorTest, TruncatedStreamKeepsEarlierFramesAndFails) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.frame_count = 60;
  o.gop = 10;
  o.crf = 20;
  const std::string clip = dir / "cut.mkv";
  testkit::WriteSyntheticVideo(clip, o);
  auto bytes = ReadFileBytes(clip);
  bytes.resize(bytes.size() / 2);
  WriteFileAtomic(clip, bytes);
  const auto r = RunCli({"run", clip, "-o", dir / "out", "--rig", "ring:2", "--size", "32x32", "-q"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cut.mkv"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(" s"), std::string::npos) << r.err;  // the timestamp of the damage
  const auto kept = FilesIn(dir / "out/images/cam00", ".jpg");
  EXPECT_GT(kept.size(), 5u);
  EXPECT_LT(kept.size(), 60u);
  for (const auto& name : kept) {
    EXPECT_FALSE(IsTempFileName(name));
    EXPECT_NO_THROW(ReadImage((dir.path() / "out/images/cam00" / name).string())) << name;
  }
  const auto report = ReadJson(dir / "out/report.json");
  EXPECT_FALSE(report["ok"].get<bool>());
  EXPECT_EQ(report["failures"].size(), 1u);
}

TEST(CliVideoErrorTest, TruncatedFaststartMp4KeepsTheFramesBeforeTheCut) {
  // The index (moov) is at the front: it lists frames whose bytes are gone.
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.frame_count = 60;
  o.gop = 10;
  o.crf = 12;
  o.yaw_deg = [](int f) { return 3.0 * f; };
  o.extra_args = {"-movflags", "+faststart"};
  const std::string whole = dir / "whole.mp4";
  testkit::WriteSyntheticVideo(whole, o);
  auto bytes = ReadFileBytes(whole);
  bytes.resize(bytes.size() * 6 / 10);
  const std::string cut = dir / "cut.mp4";
  WriteFileAtomic(cut, bytes);
  const std::vector<std::string> args = {"--format", "png", "--decode-threads", "8", "-q"};
  std::vector<std::string> full = {"extract", whole, "-o", dir / "whole"};
  full.insert(full.end(), args.begin(), args.end());
  auto r = RunCli(full);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> part = {"extract", cut, "-o", dir / "cut"};
  part.insert(part.end(), args.begin(), args.end());
  r = RunCli(part);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("cut.mp4: corrupt or truncated stream at "), std::string::npos) << r.err;
  // Every frame whose packet (and those it refers to) lies before the cut comes out.
  std::vector<std::string> expected;
  for (std::int64_t i : testkit::FramesBeforeCut(whole, static_cast<std::int64_t>(bytes.size()))) {
    expected.push_back(fmt::format("frame_{:06d}.png", i));
  }
  const auto kept = FilesIn(dir / "cut", ".png");
  ASSERT_GT(expected.size(), 15u);
  ASSERT_LT(expected.size(), 60u);
  EXPECT_EQ(kept, expected);
  for (std::size_t i = 0; i < kept.size(); ++i) {
    EXPECT_TRUE(testkit::SamePixels(ReadImage((dir.path() / "cut" / kept[i]).string()),
                                       ReadImage((dir.path() / "whole" / kept[i]).string())))
        << kept[i];
  }
  const auto report = ReadJson(dir / "cut/report.json");
  EXPECT_FALSE(report["ok"].get<bool>());
  ASSERT_EQ(report["failures"].size(), 1u);
  EXPECT_EQ(report["frames"].size(), kept.size());
}

TEST(CliVideoErrorTest, Mp4CutBeforeItsIndexIsIncompleteNotANonVideo) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.frame_count = 20;
  const std::string whole = dir / "whole.mp4";
  testkit::WriteSyntheticVideo(whole, o);  // index (moov) at the end
  auto bytes = ReadFileBytes(whole);
  bytes.resize(bytes.size() * 6 / 10);
  const std::string cut = dir / "cut.mp4";
  WriteFileAtomic(cut, bytes);
  const std::string expected =
      "prep360: " + cut +
      ": incomplete video: no index (moov atom) found, the file was probably cut short; "
      "it cannot be read\n";
  auto r = RunCli({"info", cut});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, expected);
  r = RunCli({"extract", cut, "-o", dir / "out", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, expected);
}

TEST_F(CliVideoTest, StartAfterTheEndIsAnErrorNamingTheDuration) {
  const auto r = RunCli({"run", clip_, "-o", tmp_.path() / "x", "--start", "100", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("walk.mp4: start time 100 s"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2.000 s"), std::string::npos) << r.err;  // the duration
  EXPECT_FALSE(fs::exists(tmp_.path() / "x/report.json"));
}

// 18 frames at 30 fps, 18 at 10 fps, 18 at 60 fps.
class CliVfrTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    testkit::SyntheticVideoOptions o;
    o.frame_count = 54;
    o.gop = 10;
    o.filter = "settb=1/600,setpts='if(lt(N,18),20*N,if(lt(N,36),360+60*(N-18),1440+10*(N-36)))'";
    o.extra_args = {"-fps_mode", "passthrough", "-enc_time_base", "1/600"};
    clip_ = *dir_ / "vfr.mp4";
    testkit::WriteSyntheticVideo(clip_, o);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static double Time(int n) {
    return n < 18 ? n / 30.0 : n < 36 ? 0.6 + (n - 18) / 10.0 : 2.4 + (n - 36) / 60.0;
  }
  static std::vector<std::string> Names(const std::vector<int>& indices) {
    std::vector<std::string> names;
    for (int i : indices) names.push_back(fmt::format("frame_{:06d}.jpg", i));
    return names;
  }
  static inline TempDir* dir_ = nullptr;
  static inline std::string clip_;
  TempDir tmp_;
};

TEST_F(CliVfrTest, EveryFrameIsKeptAndNamedByItsDecodedIndex) {
  const fs::path out = tmp_.path() / "all";
  const auto r = RunCli({"extract", clip_, "-o", out.string(), "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<int> all(54);
  for (int i = 0; i < 54; ++i) all[static_cast<std::size_t>(i)] = i;
  EXPECT_EQ(FilesIn(out, ".jpg"), Names(all));
  const auto report = ReadJson(out / "report.json");
  ASSERT_EQ(report["frames"].size(), 54u);
  for (int i = 0; i < 54; ++i) {
    EXPECT_EQ(report["frames"][static_cast<std::size_t>(i)]["index"], i);
    EXPECT_NEAR(report["frames"][static_cast<std::size_t>(i)]["time_s"].get<double>(), Time(i), 1e-6) << i;
  }
}

TEST_F(CliVfrTest, FpsWindowsAndStartKeepTheSameNames) {
  // 0.2 s windows: the first frame at or after 0.2 k s.
  const fs::path fps = tmp_.path() / "fps";
  auto r = RunCli({"extract", clip_, "-o", fps.string(), "--fps", "5", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(fps, ".jpg"), Names({0, 6, 12, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 48}));
  EXPECT_NEAR(ReadJson(fps / "report.json")["frames"][13]["time_s"].get<double>(), 2.6, 1e-6);
  // From 1 s (frame 22, decoding from the keyframe at frame 20): the same names as from the start.
  const fs::path start = tmp_.path() / "start";
  r = RunCli({"extract", clip_, "-o", start.string(), "--start", "1", "--every", "4", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(start, ".jpg"), Names({22, 26, 30, 34, 38, 42, 46, 50}));
}

TEST(CliVideoStreamsTest, TheTwoToOneStreamIsUsedAndInfoListsBoth) {
  TempDir dir;
  testkit::SyntheticVideoOptions flat;
  flat.width = 160;
  flat.height = 120;
  flat.frame_count = 4;
  testkit::WriteSyntheticVideo(dir / "flat.mp4", flat);
  testkit::SyntheticVideoOptions pano;
  pano.frame_count = 4;
  testkit::WriteSyntheticVideo(dir / "pano.mp4", pano);
  const std::string two = dir / "two.mp4";
  testkit::RunFfmpeg(
      {"-i", dir / "flat.mp4", "-i", dir / "pano.mp4", "-map", "0", "-map", "1", "-c", "copy", two});

  auto r = RunCli({"info", two});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("2 video streams"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stream 0: h264 160x120, 30.000 fps\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("stream 1: h264 256x128, 30.000 fps, 2:1  <- used by run/extract"), std::string::npos)
      << r.out;

  r = RunCli({"extract", two, "-o", dir / "auto", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(FilesIn(dir / "auto", ".jpg").size(), 4u);
  EXPECT_EQ(ReadImageInfo(dir / "auto/frame_000000.jpg").width, 256);

  r = RunCli({"extract", two, "-o", dir / "flat", "--stream", "0", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("stream 1: h264 256x128"), std::string::npos) << r.err;
  r = RunCli({"extract", two, "-o", dir / "flat", "--stream", "0", "--force", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadImageInfo(dir / "flat/frame_000000.jpg").width, 160);
}

}  // namespace
}  // namespace prep360
