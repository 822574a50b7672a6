// `prep360 detect` and `prep360 blur` on folders holding a real portrait.
#include <algorithm>
#include <filesystem>
#include <vector>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/real_photos.h"
#include "prep360/testing/ssim.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::kAstronautFace;

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

// in/people/astronaut.png, in/grey.jpg (no face) and in/broken.jpg (not an image).
void MakeFolder(const fs::path& in) {
  fs::create_directories(in / "people");
  fs::copy_file(testkit::SkimagePhoto("astronaut.png"), in / "people" / "astronaut.png");
  Image grey(320, 240, 3, 1);
  grey.Fill(128);
  WriteFileAtomic((in / "grey.jpg").string(), EncodeImage(grey, ImageFormat::kJpeg, EncodeOptions{}));
  std::ofstream(in / "broken.jpg") << "not a jpeg";
}

TEST(CliDetect, WritesOneJsonPerImageWithTheFaceInPixels) {
  testkit::TempDir dir;
  MakeFolder(dir.path() / "in");
  const auto r = testkit::RunCli({"detect", (dir.path() / "in").string(), "-o", (dir.path() / "out").string(),
                                  "--progress", "none"});
  EXPECT_EQ(r.exit_code, 1) << r.err;  // one unreadable image
  EXPECT_NE(r.err.find("broken.jpg"), std::string::npos) << r.err;
  const nlohmann::json face = ReadJson(dir.path() / "out/people/astronaut.json");
  EXPECT_EQ(face["image"], "people/astronaut.png");
  EXPECT_EQ(face["width"], 512);
  ASSERT_EQ(face["detections"].size(), 1u);
  EXPECT_EQ(face["detections"][0]["class"], "face");
  const std::vector<double> box = face["detections"][0]["box"].get<std::vector<double>>();
  ASSERT_EQ(box.size(), 4u);
  const double ix = std::min(box[2], kAstronautFace.x1) - std::max(box[0], kAstronautFace.x0);
  const double iy = std::min(box[3], kAstronautFace.y1) - std::max(box[1], kAstronautFace.y0);
  const double inter = std::max(0.0, ix) * std::max(0.0, iy);
  const double uni = (box[2] - box[0]) * (box[3] - box[1]) +
                     (kAstronautFace.x1 - kAstronautFace.x0) * (kAstronautFace.y1 - kAstronautFace.y0) - inter;
  EXPECT_GE(inter / uni, 0.5);
  EXPECT_TRUE(ReadJson(dir.path() / "out/grey.json")["detections"].empty());
  EXPECT_FALSE(fs::exists(dir.path() / "out/broken.json"));
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["counts"]["images"], 3);
  EXPECT_EQ(report["counts"]["done"], 2);
  EXPECT_EQ(report["counts"]["failed"], 1);
  EXPECT_EQ(report["counts"]["detections"], 1);
  EXPECT_EQ(report["model"]["kind"], "face");
}

// Shards take their part of the sorted images (grey.jpg, then people/astronaut.png); merged, the
// report counts every image and detection once.
TEST(CliDetect, ShardsSplitTheImagesAndMergeCountsThemOnce) {
  testkit::TempDir dir;
  MakeFolder(dir.path() / "in");
  fs::remove(dir.path() / "in/broken.jpg");
  const std::string in = (dir.path() / "in").string(), out = (dir.path() / "out").string();
  const auto first = testkit::RunCli({"detect", in, "-o", out, "--progress", "none", "--shard", "1/2"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_TRUE(fs::exists(dir.path() / "out/grey.json"));
  EXPECT_FALSE(fs::exists(dir.path() / "out/people/astronaut.json"));
  EXPECT_EQ(ReadJson(dir.path() / "out/report.shard-1-of-2.json")["counts"]["images"], 1);
  const auto second = testkit::RunCli({"detect", in, "-o", out, "--progress", "none", "--shard", "2/2"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_EQ(ReadJson(dir.path() / "out/people/astronaut.json")["detections"].size(), 1u);
  ASSERT_EQ(testkit::RunCli({"merge", out}).exit_code, 0);
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["counts"]["images"], 2);
  EXPECT_EQ(report["counts"]["detections"], 1);
}

TEST(CliDetect, AnUnknownModelNameIsAOneLineError) {
  testkit::TempDir dir;
  MakeFolder(dir.path() / "in");
  const auto r = testkit::RunCli({"detect", (dir.path() / "in").string(), "-o", (dir.path() / "out").string(),
                                  "--model", (dir.path() / "missing.onnx").string(), "--progress", "none"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("missing.onnx"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
}

TEST(CliBlur, BlursTheFaceAndLeavesTheRestOfTheImage) {
  testkit::TempDir dir;
  MakeFolder(dir.path() / "in");
  fs::remove(dir.path() / "in/broken.jpg");
  const auto r = testkit::RunCli({"blur", (dir.path() / "in").string(), "-o", (dir.path() / "out").string(),
                                  "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Image before = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  const Image after = ReadImage((dir.path() / "out/people/astronaut.png").string());
  ASSERT_EQ(after.width(), before.width());
  EXPECT_LE(testkit::Ssim(before, after, 178, 62, 270, 170), 0.3);
  // Far from the face (the lower third: the suit) nothing changed: PNG is lossless.
  int changed = 0;
  for (int y = 380; y < before.height(); ++y) {
    for (int x = 0; x < before.width(); ++x) {
      for (int c = 0; c < 3; ++c) changed += before.At(x, y, c) != after.At(x, y, c);
    }
  }
  EXPECT_EQ(changed, 0);
  EXPECT_TRUE(fs::exists(dir.path() / "out/grey.jpg"));
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["counts"]["faces"], 1);
  EXPECT_EQ(report["counts"]["written"], 2);
}

TEST(CliBlur, RefusesToWriteOverItsInput) {
  testkit::TempDir dir;
  MakeFolder(dir.path() / "in");
  const auto r = testkit::RunCli({"blur", (dir.path() / "in").string(), "-o", (dir.path() / "in").string(),
                                  "--progress", "none"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("is the images folder itself"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace prep360
