// End-to-end tests of `prep360 ocr` with the registry PP-OCRv4 models.
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

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

nlohmann::json ReadJson(const fs::path& path) { return nlohmann::json::parse(std::ifstream(path)); }

// Files and folders (searched recursively) together; each JSON carries the image's name and size;
// the job document runs the same job; a sharded run, merged, reads every image once.
TEST(CliOcrTest, ReadsFilesAndFoldersAsAJobDocumentAndInShards) {
  TempDir dir;
  const Image a = testkit::RenderTextLine("Gate-12", 40, 30);
  const Image b = testkit::RenderTextLine("NORTH-EXIT", 36, 24);
  const Image c = testkit::RenderTextLine("Ticket-Hall", 32, 20);
  fs::create_directories(dir / "in/deeper");
  WriteFileAtomic(dir / "in/a.png", EncodeImage(a, ImageFormat::kPng, EncodeOptions{}));
  WriteFileAtomic(dir / "in/deeper/b.jpg", EncodeImage(b, ImageFormat::kJpeg, EncodeOptions{}));
  WriteFileAtomic(dir / "c.png", EncodeImage(c, ImageFormat::kPng, EncodeOptions{}));
  const auto r = RunCli({"ocr", dir / "in", dir / "c.png", "-o", dir / "out", "--device", "cpu", "-j", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("prep360 ocr: 3 images, 3 text line(s)"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("ocr: per image "), std::string::npos) << r.err;
  const std::map<std::string, std::pair<std::string, const Image*>> expected = {
      {"a.json", {"Gate-12", &a}}, {"deeper/b.json", {"NORTH-EXIT", &b}}, {"c.json", {"Ticket-Hall", &c}}};
  for (const auto& [json_name, want] : expected) {
    const nlohmann::json j = ReadJson(dir / ("out/" + json_name));
    EXPECT_EQ(j["width"], want.second->width()) << json_name;
    EXPECT_EQ(j["height"], want.second->height()) << json_name;
    const std::vector<OcrText> texts = ParseOcrJson(j, json_name);
    ASSERT_EQ(texts.size(), 1u) << j.dump();
    EXPECT_EQ(texts[0].text, want.first);
  }
  EXPECT_EQ(ReadJson(dir / "out/deeper/b.json")["image"], "deeper/b.jpg");
  const nlohmann::json report = ReadJson(dir / "out/report.json");
  EXPECT_EQ(report["command"], "ocr");
  EXPECT_EQ(report["counts"]["texts"], 3);
  EXPECT_GT(report["timing_s"]["recognition"].get<double>(), 0.0);

  // The same job from its document.
  const auto printed = RunCli({"ocr", dir / "in", dir / "c.png", "-o", dir / "doc", "--device", "cpu", "--print-config"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  WriteTextFileAtomic(dir / "job.json", printed.out);
  EXPECT_EQ(nlohmann::json::parse(printed.out)["ocr"]["device"], "cpu");
  ASSERT_EQ(RunCli({"ocr", "--config", dir / "job.json", "-q"}).exit_code, 0);
  EXPECT_EQ(ReadJson(dir / "doc/a.json"), ReadJson(dir / "out/a.json"));

  // Two shards write disjoint parts; merged, they are one run's files and counts.
  for (const char* shard : {"1/2", "2/2"}) {
    const auto s = RunCli({"ocr", dir / "in", dir / "c.png", "-o", dir / "sharded", "--device", "cpu", "--shard", shard});
    ASSERT_EQ(s.exit_code, 0) << s.err;
  }
  ASSERT_EQ(RunCli({"merge", dir / "sharded"}).exit_code, 0);
  for (const auto& [json_name, want] : expected) {
    EXPECT_EQ(ReadJson(dir / ("sharded/" + json_name)), ReadJson(dir / ("out/" + json_name))) << json_name;
  }
  EXPECT_EQ(ReadJson(dir / "sharded/report.json")["counts"]["images"], 3);
  EXPECT_EQ(ReadJson(dir / "sharded/report.json")["counts"]["texts"], 3);

  // Two inputs whose outputs would collide: one line naming the second file.
  fs::create_directories(dir / "more");
  WriteFileAtomic(dir / "more/a.png", EncodeImage(c, ImageFormat::kPng, EncodeOptions{}));
  const auto clash = RunCli({"ocr", dir / "in", dir / "more/a.png", "-o", dir / "clash", "--device", "cpu"});
  EXPECT_EQ(clash.exit_code, 1) << clash.err;
  EXPECT_NE(clash.err.find(dir / "more/a.png"), std::string::npos) << clash.err;
  EXPECT_FALSE(fs::exists(dir / "clash/a.json"));
}

// --no-angle leaves the angle classifier out (the report names none); --ocr-device is split's
// own field, auto unless given.
TEST(CliOcrTest, NoAngleSkipsTheClassifierAndOcrDeviceIsSplitsOwnField) {
  TempDir dir;
  WriteFileAtomic(dir / "sign.png", EncodeImage(testkit::RenderTextLine("Way-Out", 40, 30), ImageFormat::kPng, EncodeOptions{}));
  const auto r = RunCli({"ocr", dir / "sign.png", "-o", dir / "out", "--device", "cpu", "--no-angle", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json report = ReadJson(dir / "out/report.json");
  EXPECT_EQ(report["models"]["angle"], "");
  EXPECT_EQ(report["models"]["recognizer"], "ocr-rec");
  EXPECT_EQ(ParseOcrJson(ReadJson(dir / "out/sign.json"), "sign.json").at(0).text, "Way-Out");
  const auto with = RunCli({"split", dir / "sign.png", "-o", dir / "ds", "--ocr", "--ocr-device", "cpu", "--print-config"});
  ASSERT_EQ(with.exit_code, 0) << with.err;
  EXPECT_EQ(nlohmann::json::parse(with.out)["ocr"]["device"], "cpu");
  const auto without = RunCli({"split", dir / "sign.png", "-o", dir / "ds", "--ocr", "--print-config"});
  ASSERT_EQ(without.exit_code, 0) << without.err;
  EXPECT_EQ(nlohmann::json::parse(without.out)["ocr"]["device"], "auto");
}

}  // namespace
}  // namespace prep360
