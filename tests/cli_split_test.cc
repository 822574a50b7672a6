// End-to-end tests of `prep360 split` on generated panoramas.
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

void WritePano(const std::string& path, int width, ImageFormat format, int bytes_per_sample = 1) {
  const Image pano = testkit::RenderEquirect(width, width / 2, 3, bytes_per_sample, 2);
  EncodeOptions opts;
  opts.jpeg_quality = 97;
  WriteFileAtomic(path, EncodeImage(pano, format, opts));
}

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::vector<fs::path> AllFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  return files;
}

void ExpectNoTempFiles(const fs::path& dir) {
  for (const auto& f : AllFiles(dir)) EXPECT_FALSE(IsTempFileName(f.filename().string())) << f;
}

TEST(CliSplitTest, WritesViewsRigExportAndReport) {
  TempDir dir;
  fs::create_directory(dir.path() / "in");
  WritePano(dir / "in/p0.png", 512, ImageFormat::kPng);
  WritePano(dir / "in/p1.png", 512, ImageFormat::kPng);
  const auto r = RunCli({"split", dir / "in", "-o", dir / "out", "--rig", "ring:4", "--fov", "90", "--size",
                         "160x120", "--format", "png", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path out = dir.path() / "out";
  for (int v = 0; v < 4; ++v) {
    for (const char* frame : {"p0", "p1"}) {
      const fs::path p = out / "images" / ("cam0" + std::to_string(v)) / (std::string(frame) + ".png");
      ASSERT_TRUE(fs::exists(p)) << p;
      const Image img = ReadImage(p.string());
      EXPECT_EQ(img.width(), 160);
      EXPECT_EQ(img.height(), 120);
    }
  }
  // The pixels are the scene seen by that view.
  View view{"cam01", 90, 0, 0, 90, 160, 120};
  const Image truth = testkit::RenderView(view, 3, 1, 2);
  const Image got = ReadImage((out / "images/cam01/p0.png").string());
  EXPECT_GT(testkit::Psnr(got, truth, 4), 32.0);

  const auto rig = ReadJson(out / "rig_config.json");
  ASSERT_EQ(rig[0]["cameras"].size(), 4u);
  EXPECT_EQ(rig[0]["cameras"][2]["image_prefix"], "cam02/");
  EXPECT_TRUE(fs::exists(out / "cameras.txt"));
  const auto report = ReadJson(out / "report.json");
  EXPECT_EQ(report["ok"], true);
  EXPECT_EQ(report["counts"]["views_written"], 8);
  EXPECT_EQ(report["counts"]["frames_done"], 2);
  EXPECT_GT(report["timing"]["stages"]["reproject"]["items"].get<int>(), 0);
  EXPECT_NE(r.err.find("ms per output image"), std::string::npos) << r.err;
  ExpectNoTempFiles(out);
}

TEST(CliSplitTest, DefaultSizeMatchesPanoramaDensity) {
  TempDir dir;
  WritePano(dir / "p.jpg", 1024, ImageFormat::kJpeg);
  const auto r = RunCli({"split", dir / "p.jpg", "-o", dir / "out", "--rig", "ring:2", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // fx = 1024 / 2pi = 163.0; width = 2 fx tan(45°) = 326 -> 320 (multiple of 16).
  const ImageInfo info = ReadImageInfo((dir.path() / "out/images/cam00/p.jpg").string());
  EXPECT_EQ(info.width, DensityMatchedWidth(90, 1024));
  EXPECT_EQ(info.width, 320);
  EXPECT_EQ(info.height, 320);
}

TEST(CliSplitTest, JpegViewsCarryIntrinsicsInExif) {
  TempDir dir;
  WritePano(dir / "p.jpg", 512, ImageFormat::kJpeg);
  const auto r = RunCli({"split", dir / "p.jpg", "-o", dir / "out", "--rig", "ring:4", "--fov", "100", "--size",
                         "200x100", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const ViewMetadataReadback m = ReadViewMetadata((dir.path() / "out/images/cam03/p.jpg").string());
  const double fx = 100.0 / std::tan(DegToRad(50));
  ASSERT_TRUE(m.focal_length_mm.has_value());
  EXPECT_NEAR(*m.focal_length_mm, fx * 36.0 / 200.0, 1e-3);
  ASSERT_TRUE(m.yaw_deg.has_value());
  EXPECT_NEAR(std::remainder(*m.yaw_deg - 270.0, 360.0), 0.0, 1e-9);  // 270 or -90
  EXPECT_NEAR(*m.hfov_deg, 100.0, 1e-9);
  EXPECT_EQ(m.view_name.value_or(""), "cam03");
  EXPECT_EQ(m.pixel_x_dimension.value_or(0), 200);
}

TEST(CliSplitTest, EncodingOptionsTakeEffect) {
  TempDir dir;
  WritePano(dir / "p.jpg", 512, ImageFormat::kJpeg);
  auto split = [&](const std::string& out, std::vector<std::string> extra) {
    std::vector<std::string> args = {"split", dir / "p.jpg", "-o", dir / out, "--rig", "ring:2", "--size",
                                     "128x128", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = RunCli(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return (dir.path() / out / "images/cam01/p.jpg").string();
  };
  // --no-metadata: no EXIF/XMP at all.
  const ViewMetadataReadback none = ReadViewMetadata(split("nometa", {"--no-metadata"}));
  EXPECT_FALSE(none.focal_length_mm.has_value());
  EXPECT_FALSE(none.yaw_deg.has_value());
  // --subsampling 444 keeps full chroma: a bigger file than 4:2:0 at the same quality.
  const auto s420 = ReadFileBytes(split("s420", {"--subsampling", "420"}));
  const auto s444 = ReadFileBytes(split("s444", {"--subsampling", "444"}));
  EXPECT_GT(s444.size(), s420.size());
  // --quality: lower quality, smaller file.
  EXPECT_LT(ReadFileBytes(split("q50", {"--quality", "50"})).size(), s420.size());
  // --interp and --threads change how, not what: nearest differs from bilinear, one thread
  // gives the same bytes as all threads.
  const auto nearest = ReadFileBytes(split("near", {"--interp", "nearest"}));
  EXPECT_NE(nearest, s420);
  EXPECT_EQ(ReadFileBytes(split("t1", {"--threads", "1"})), s420);
}

TEST(CliSplitTest, BadInputsAreNamedSkippedAndFailTheRun) {
  TempDir dir;
  fs::create_directory(dir.path() / "in");
  WritePano(dir / "in/good.jpg", 256, ImageFormat::kJpeg);
  std::ofstream(dir / "in/empty.jpg").close();
  std::ofstream(dir / "in/garbage.jpg") << "this is not an image at all, just text";
  {
    Image wide(400, 100, 3, 1);
    wide.Fill(128);
    WriteFileAtomic(dir / "in/wide.jpg", EncodeImage(wide, ImageFormat::kJpeg, {}));
  }
  const auto r = RunCli({"split", dir / "in", "-o", dir / "out", "--rig", "ring:3", "--size", "64x64", "-q"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* name : {"empty.jpg", "garbage.jpg", "wide.jpg"}) {
    EXPECT_NE(r.err.find(name), std::string::npos) << name << " not named in: " << r.err;
  }
  EXPECT_NE(r.err.find("not 2:1"), std::string::npos) << r.err;
  for (int v = 0; v < 3; ++v) {
    const fs::path view_dir = dir.path() / "out/images" / ("cam0" + std::to_string(v));
    EXPECT_TRUE(fs::exists(view_dir / "good.jpg"));
    EXPECT_EQ(std::distance(fs::directory_iterator(view_dir), fs::directory_iterator()), 1);
  }
  const auto report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["ok"], false);
  EXPECT_EQ(report["failures"].size(), 3u);
  ExpectNoTempFiles(dir.path() / "out");
}

TEST(CliSplitTest, ResumeWritesOnlyWhatIsMissing) {
  TempDir dir;
  fs::create_directory(dir.path() / "in");
  WritePano(dir / "in/a.jpg", 256, ImageFormat::kJpeg);
  WritePano(dir / "in/b.jpg", 256, ImageFormat::kJpeg);
  const std::vector<std::string> args = {"split", dir / "in", "-o", dir / "out", "--rig", "ring:4", "--size",
                                         "64x64", "-q"};
  ASSERT_EQ(RunCli(args).exit_code, 0);
  const fs::path out = dir.path() / "out";
  const fs::path removed = out / "images/cam01/b.jpg";
  const fs::path kept = out / "images/cam02/a.jpg";
  const auto kept_bytes = ReadFileBytes(kept.string());
  fs::remove(removed);
  const auto old_time = fs::last_write_time(kept);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));

  auto resume_args = args;
  resume_args.push_back("--resume");
  const auto r = RunCli(resume_args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(removed));
  EXPECT_EQ(fs::last_write_time(kept), old_time);
  EXPECT_EQ(ReadFileBytes(kept.string()), kept_bytes);
  const auto report = ReadJson(out / "report.json");
  EXPECT_EQ(report["counts"]["views_written"], 1);
  EXPECT_EQ(report["counts"]["views_skipped_existing"], 7);
  EXPECT_EQ(report["counts"]["frames_already_done"], 1);

  // A different rig cannot resume into the same dataset.
  auto other = resume_args;
  other.insert(other.end(), {"--fov", "100"});
  const auto bad = RunCli(other);
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("holds a dataset made with other settings (--fov was 0.0, now 100.0)"), std::string::npos)
      << bad.err;
}

TEST(CliSplitTest, SixteenBitInputStaysSixteenBit) {
  TempDir dir;
  WritePano(dir / "p16.png", 256, ImageFormat::kPng, 2);
  for (const char* fmt : {"png", "tif"}) {
    const auto r = RunCli({"split", dir / "p16.png", "-o", dir / fmt, "--rig", "ring:2", "--size", "64x48",
                           "--format", fmt, "-q"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const ImageInfo info = ReadImageInfo((dir.path() / fmt / "images/cam00" / (std::string("p16.") + fmt)).string());
    EXPECT_EQ(info.bit_depth, 16) << fmt;
  }
  const auto r = RunCli({"split", dir / "p16.png", "-o", dir / "jpg", "--rig", "ring:2", "--size", "64x48", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ReadImageInfo((dir.path() / "jpg/images/cam00/p16.jpg").string()).bit_depth, 8);
}

TEST(CliSplitTest, InterruptStopsCleanlyWithoutPartialFiles) {
  TempDir dir;
  fs::create_directory(dir.path() / "in");
  WritePano(dir / "in/p000.jpg", 1024, ImageFormat::kJpeg);
  for (int i = 1; i < 40; ++i) {
    fs::copy_file(dir.path() / "in/p000.jpg", dir.path() / "in" / (fmt::format("p{:03}.jpg", i)));
  }
  const fs::path out = dir.path() / "out";
  const int pid = testkit::StartCli({"split", dir / "in", "-o", out.string(), "--rig", "ring:8", "--size",
                                     "384x384", "--format", "png", "--png-level", "9", "--interp", "lanczos3",
                                     "--progress", "none"},
                                    dir / "stdout", dir / "stderr");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (!fs::exists(out / "images/cam00/p000.png") && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGINT);
  EXPECT_EQ(testkit::WaitCli(pid), 130);
  int written = 0;
  for (const auto& f : AllFiles(out / "images")) {
    EXPECT_FALSE(IsTempFileName(f.filename().string())) << f;
    EXPECT_EQ(ReadImage(f.string()).width(), 384) << f;  // every file is complete
    ++written;
  }
  EXPECT_GT(written, 0);
  EXPECT_LT(written, 40 * 8);
  EXPECT_EQ(ReadJson(out / "report.json")["interrupted"], true);
}

TEST(CliSplitTest, BadOptionsGetOneLineErrors) {
  TempDir dir;
  WritePano(dir / "p.jpg", 256, ImageFormat::kJpeg);
  auto r = RunCli({"split", dir / "p.jpg", "-o", dir / "out", "--size", "10x10"});
  EXPECT_EQ(r.exit_code, 2);  // a usage error
  EXPECT_NE(r.err.find("--size"), std::string::npos) << r.err;
  r = RunCli({"split", dir / "p.jpg", "-o", dir / "out", "--rig", "nonesuch"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nonesuch"), std::string::npos) << r.err;
  r = RunCli({"split", dir / "p.jpg", "-o", dir / "out", "--rig", dir / "missing.json"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
  r = RunCli({"split", dir / "nothere.jpg", "-o", dir / "out"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nothere.jpg"), std::string::npos) << r.err;
  r = RunCli({"split", dir / "p.jpg"});
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliRigTest, ShowPrintsJsonAndDrawsPicture) {
  TempDir dir;
  const auto r = RunCli({"rig", "show", "seed24", "--picture", dir / "seed24.png", "--picture-width", "1024"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rig = nlohmann::json::parse(r.out);
  ASSERT_EQ(rig["views"].size(), 24u);
  EXPECT_EQ(rig["views"][16]["pitch"], 30.0);  // "look up" ring: + is up
  EXPECT_EQ(rig["views"][8]["pitch"], -30.0);
  const ImageInfo info = ReadImageInfo(dir / "seed24.png");
  EXPECT_EQ(info.width, 1024);
  EXPECT_EQ(info.height, 512);
}

TEST(CliRigTest, ListNamesThePresets) {
  const auto r = RunCli({"rig", "list"});
  ASSERT_EQ(r.exit_code, 0);
  for (const char* name : {"seed8", "seed24", "cube6", "colmap12", "nerfstudio8", "dome16", kDefaultRigName}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
}

TEST(CliInfoTest, PrintsVersionsAndDescribesFiles) {
  auto r = RunCli({"info"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("libjpeg-turbo"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("exiv2"), std::string::npos) << r.out;
  TempDir dir;
  WritePano(dir / "p.jpg", 256, ImageFormat::kJpeg);
  r = RunCli({"info", dir / "p.jpg"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("256x128"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("equirectangular"), std::string::npos) << r.out;
  std::ofstream(dir / "bad.png") << "not a png";
  r = RunCli({"info", dir / "bad.png"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.png"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace prep360
