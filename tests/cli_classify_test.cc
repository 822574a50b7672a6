// End-to-end tests of `prep360 classify` on the generated classifier models.
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/solid_image.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

std::string Model(const std::string& name) { return prep360::testkit::TestModelPath(name); }

void WriteSolid(const std::string& path, int w, int h, std::uint32_t r, std::uint32_t g, std::uint32_t b) {
  fs::create_directories(fs::path(path).parent_path());
  WriteFileAtomic(path, EncodeImage(testkit::SolidImage(w, h, r, g, b), FormatFromPath(path), EncodeOptions{}));
}

nlohmann::json ReadJson(const std::string& path) { return nlohmann::json::parse(std::ifstream(path)); }

TEST(CliClassifyTest, WritesTheLabelsOfEveryImageAndAReport) {
  TempDir dir;
  WriteSolid(dir / "images/red.jpg", 640, 480, 255, 0, 0);
  WriteSolid(dir / "images/sub/blue.png", 100, 50, 0, 0, 255);
  const auto r = RunCli({"classify", dir / "images", "-o", dir / "out", "--model", Model("cls_softmax.onnx"),
                         "--device", "cpu", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json red = ReadJson(dir / "out/red.json");
  EXPECT_EQ(red["image"], "red.jpg");
  EXPECT_EQ(red["width"], 640);
  EXPECT_EQ(red["labels"][0]["label"], "red");
  EXPECT_GT(red["labels"][0]["score"].get<double>(), 0.999);
  const nlohmann::json blue = ReadJson(dir / "out/sub/blue.json");
  EXPECT_EQ(blue["labels"][0]["label"], "blue");
  const nlohmann::json report = ReadJson(dir / "out/report.json");
  EXPECT_EQ(report["counts"]["images"], 2);
  EXPECT_EQ(report["counts"]["done"], 2);
  EXPECT_EQ(report["counts"]["labels"], 4);  // top_k 2 each
}

TEST(CliClassifyTest, GridModelWritesCellsInPixels) {
  TempDir dir;
  WriteSolid(dir / "images/g.png", 200, 100, 0, 255, 0);
  const auto r = RunCli({"classify", dir / "images", "-o", dir / "out", "--model", Model("cls_grid.onnx"),
                         "--device", "cpu", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json j = ReadJson(dir / "out/g.json");
  ASSERT_EQ(j["cells"].size(), 4u);
  EXPECT_EQ(j["cells"][3]["box"], nlohmann::json::array({100.0, 50.0, 200.0, 100.0}));
  EXPECT_EQ(j["cells"][3]["labels"][0]["label"], "green");
  EXPECT_FALSE(j.contains("labels"));
}

TEST(CliClassifyTest, AModelWithoutItsJsonIsAOneLineErrorAndNoUsageIsExit2) {
  TempDir dir;
  WriteSolid(dir / "images/a.png", 10, 10, 0, 0, 0);
  const auto r = RunCli({"classify", dir / "images", "-o", dir / "out", "--model", Model("seg_fixed.onnx"),
                         "--device", "cpu"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find(Model("seg_fixed.json") + ": cannot read the classifier's JSON"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out/a.json"));
  EXPECT_EQ(RunCli({"classify", dir / "images", "-o", dir / "out"}).exit_code, 2);  // --model is required
}

// --model-config names the JSON when it is not beside the model; files and folders mix as inputs;
// the job document (classify group) runs the same job.
TEST(CliClassifyTest, TakesItsJsonFromModelConfigAndRunsAsAJobDocument) {
  TempDir dir;
  WriteSolid(dir / "images/red.jpg", 64, 48, 255, 0, 0);
  WriteSolid(dir / "extra/green.png", 32, 32, 0, 255, 0);
  fs::create_directories(dir / "m");
  fs::copy_file(Model("cls_softmax.onnx"), dir / "m/classifier.onnx");
  fs::copy_file(Model("cls_softmax.json"), dir / "m/labels.json");
  const auto missing = RunCli({"classify", dir / "images", "-o", dir / "none", "--model", dir / "m/classifier.onnx"});
  EXPECT_EQ(missing.exit_code, 1) << missing.err;
  EXPECT_NE(missing.err.find(dir / "m/classifier.json"), std::string::npos) << missing.err;
  const std::vector<std::string> args = {"classify", dir / "images", dir / "extra/green.png", "-o", dir / "out",
                                         "--model", dir / "m/classifier.onnx", "--model-config", dir / "m/labels.json",
                                         "--device", "cpu", "--progress", "none"};
  const auto r = RunCli(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("prep360 classify: 2 images, 4 labels"), std::string::npos) << r.err;
  EXPECT_EQ(ReadJson(dir / "out/red.json")["labels"][0]["label"], "red");
  EXPECT_EQ(ReadJson(dir / "out/green.json")["labels"][0]["label"], "green");

  std::vector<std::string> print = args;
  print.push_back("--print-config");
  const auto printed = RunCli(print);
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  const nlohmann::json doc = nlohmann::json::parse(printed.out);
  EXPECT_EQ(doc["command"], "classify");
  EXPECT_EQ(doc["classify"]["config"], dir / "m/labels.json");
  EXPECT_FALSE(doc.contains("detect"));
}

}  // namespace
}  // namespace prep360
