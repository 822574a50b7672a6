// End-to-end tests of `prep360 ocr` with the registry PP-OCRv4 models.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/ocr/ocr_json.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/testing/text_render.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

TEST(CliOcrTest, WritesOneJsonPerImageAndNamesBadFiles) {
  TempDir dir;
  fs::create_directories(dir / "in");
  const Image line = testkit::RenderTextLine("Platform-9-exit", 40, 30);
  WriteFileAtomic(dir / "in/sign.png", EncodeImage(line, ImageFormat::kPng, EncodeOptions{}));
  std::ofstream(dir / "in/broken.jpg") << "not a jpeg";
  const auto r = RunCli({"ocr", dir / "in", "-o", dir / "out", "--device", "cpu", "--threads", "1"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("broken.jpg"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir / "out/broken.json"));

  std::ifstream in(dir / "out/sign.json");
  const nlohmann::json json = nlohmann::json::parse(in);
  const std::vector<OcrText> texts = ParseOcrJson(json, "sign.json");
  ASSERT_EQ(texts.size(), 1u) << json.dump();
  EXPECT_EQ(texts[0].text, "Platform-9-exit");
  EXPECT_GT(texts[0].score, 0.9f);
  // The quad holds the rendered ink: 30 px margins, the text in between.
  EXPECT_GT(texts[0].quad[0].x, 15);
  EXPECT_LT(texts[0].quad[0].x, 35);
  EXPECT_GT(texts[0].quad[2].x, line.width() - 45);
  EXPECT_LT(texts[0].quad[2].x, line.width() - 15);
  for (const fs::directory_entry& e : fs::directory_iterator(dir / "out")) {
    EXPECT_FALSE(IsTempFileName(e.path().string())) << e.path();
  }
}

TEST(CliOcrTest, AMissingModelFileIsAOneLineErrorNamingIt) {
  TempDir dir;
  const Image line = testkit::RenderTextLine("x", 20, 10);
  WriteFileAtomic(dir / "a.png", EncodeImage(line, ImageFormat::kPng, EncodeOptions{}));
  const auto r = RunCli({"ocr", dir / "a.png", "-o", dir / "out", "--det-model", dir / "nope.onnx"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find(dir / "nope.onnx"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  // Registry models not installed: the message says how to install them.
  const char* old = std::getenv("PREP360_MODELS_DIR");
  const std::string saved = old != nullptr ? old : "";
  setenv("PREP360_MODELS_DIR", (dir / "empty").c_str(), 1);
  const auto m = RunCli({"ocr", dir / "a.png", "-o", dir / "out"});
  old != nullptr ? setenv("PREP360_MODELS_DIR", saved.c_str(), 1) : unsetenv("PREP360_MODELS_DIR");
  EXPECT_EQ(m.exit_code, 1) << m.err;
  EXPECT_NE(m.err.find("model 'ocr-det' is not installed"), std::string::npos) << m.err;
  EXPECT_NE(m.err.find("scripts/bootstrap"), std::string::npos) << m.err;
  // A recogniser given as a path needs its dictionary.
  const auto d = RunCli({"ocr", dir / "a.png", "-o", dir / "out", "--rec-model", dir / "rec.onnx"});
  EXPECT_EQ(d.exit_code, 2) << d.err;
  EXPECT_NE(d.err.find("--dict"), std::string::npos) << d.err;
}

}  // namespace
}  // namespace prep360
