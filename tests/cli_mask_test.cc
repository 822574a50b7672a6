// End-to-end tests of `prep360 mask` on the generated test models.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

std::string Model(const std::string& name) { return prep360::testkit::TestModelPath(name); }

// 640x640 black with a red (class 0 = person) 32x32 square at (x, y), cell-aligned.
void WriteSquare(const std::string& path, int x, int y, ImageFormat format) {
  Image image(640, 640, 3, 1);
  for (int yy = 0; yy < 640; ++yy) std::fill(image.Row(yy), image.Row(yy) + 640 * 3, std::uint8_t{0});
  for (int yy = y; yy < y + 32; ++yy)
    for (int xx = x; xx < x + 32; ++xx) image.Set(xx, yy, 0, 255);
  fs::create_directories(fs::path(path).parent_path());
  WriteFileAtomic(path, EncodeImage(image, format, EncodeOptions{}));
}

TEST(CliMaskTest, WritesColmapMasksAndReportsBadFiles) {
  TempDir dir;
  WriteSquare(dir / "images/v0/frame_1.png", 320, 192, ImageFormat::kPng);
  WriteSquare(dir / "images/v1/frame_1.jpg", 64, 64, ImageFormat::kJpeg);
  std::ofstream(dir / "images/v1/broken.jpg") << "not a jpeg";
  const auto r = RunCli({"mask", dir / "images", "-o", dir / "masks", "--model", Model("seg_fixed.onnx"), "--device",
                         "cpu", "--progress", "none"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("broken.jpg"), std::string::npos) << r.err;

  const Image m0 = ReadImage(dir / "masks/v0/frame_1.png.png");
  ASSERT_EQ(m0.width(), 640);
  ASSERT_EQ(m0.channels(), 1);
  EXPECT_EQ(m0.At(330, 200, 0), 0u);    // the object: ignore
  EXPECT_EQ(m0.At(100, 100, 0), 255u);  // background: keep
  EXPECT_EQ(m0.At(319, 200, 0), 255u);
  EXPECT_EQ(m0.At(352, 200, 0), 255u);
  const Image m1 = ReadImage(dir / "masks/v1/frame_1.jpg.png");
  EXPECT_EQ(m1.At(80, 80, 0), 0u);
  EXPECT_FALSE(fs::exists(dir / "masks/v1/broken.jpg.png"));

  std::ifstream in(dir / "masks/report.json");
  const nlohmann::json report = nlohmann::json::parse(in);
  EXPECT_EQ(report["model"]["provider"], "CPUExecutionProvider");
  EXPECT_EQ(report["counts"]["images"], 3);
  EXPECT_EQ(report["counts"]["written"], 2);
  EXPECT_EQ(report["counts"]["failed"], 1);
  EXPECT_GT(report["timing_s"]["inference"].get<double>(), 0.0);
}

TEST(CliMaskTest, StylesDilateAndInvert) {
  TempDir dir;
  WriteSquare(dir / "images/a.png", 320, 192, ImageFormat::kPng);
  const auto r = RunCli({"mask", dir / "images", "-o", dir / "masks", "--model", Model("seg_dynamic.onnx"),
                         "--mask-style", "nerfstudio", "--invert", "--dilate", "4", "-j", "2", "--batch", "2", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Image m = ReadImage(dir / "masks/a.png");
  EXPECT_EQ(m.At(330, 200, 0), 255u);  // inverted: the object is kept
  EXPECT_EQ(m.At(317, 200, 0), 255u);  // dilated by 4
  EXPECT_EQ(m.At(314, 200, 0), 0u);
  EXPECT_EQ(m.At(100, 100, 0), 0u);
  // Running again into a folder inside the images does not take masks for images.
  const auto again = RunCli({"mask", dir / "images", "-o", dir / "images/masks", "--model", Model("seg_fixed.onnx"),
                             "--mask-style", "metashape", "-q"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(fs::exists(dir / "images/masks/a_mask.png"));
  const auto third = RunCli({"mask", dir / "images", "-o", dir / "images/masks", "--model", Model("seg_fixed.onnx"),
                             "--mask-style", "metashape", "-q"});
  ASSERT_EQ(third.exit_code, 0) << third.err;
  EXPECT_FALSE(fs::exists(dir / "images/masks/masks"));
}

TEST(CliMaskTest, BadModelIsOneLineError) {
  TempDir dir;
  WriteSquare(dir / "images/a.png", 320, 192, ImageFormat::kPng);
  const auto r = RunCli({"mask", dir / "images", "-o", dir / "masks", "--model", Model("unsupported.onnx")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("unsupported.onnx: unsupported model outputs"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace prep360
