// End-to-end tests of the job document on the command line: --print-config / --config give the
// same bytes as the flags for every job command, flags override a config, errors name the file
// and JSON pointer (or the flag), and a dataset folder is never silently mixed.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

const std::string kModel = prep360::testkit::TestModelPath("seg_fixed.onnx");

void WritePano(const std::string& path, int width) {
  fs::create_directories(fs::path(path).parent_path());
  WriteFileAtomic(path, EncodeImage(testkit::RenderEquirect(width, width / 2, 3, 1, 2), ImageFormat::kJpeg, {}));
}

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const fs::path& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

// Every file under `dir` (relative path -> bytes), report.json left out (it holds timings).
std::map<std::string, std::string> Tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == "report.json") continue;
    files[fs::relative(e.path(), dir).generic_string()] = ReadText(e.path());
  }
  return files;
}

// Runs `args` (a job command with -o OUT), then the document it prints with --print-config, into
// the same folder; both must write the same bytes.
void ExpectConfigRunMatchesFlags(const TempDir& dir, std::vector<std::string> args, const std::string& out) {
  std::vector<std::string> print = args;
  print.push_back("--print-config");
  const auto printed = RunCli(print);
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  WriteText(dir.path() / "job.json", printed.out);
  const auto by_flags = RunCli(args);
  ASSERT_EQ(by_flags.exit_code, 0) << by_flags.err;
  const auto flag_tree = Tree(out);
  ASSERT_GT(flag_tree.size(), 1u);
  fs::remove_all(out);
  const auto by_config = RunCli({args[0], "--config", dir / "job.json"});
  ASSERT_EQ(by_config.exit_code, 0) << by_config.err;
  const auto config_tree = Tree(out);
  ASSERT_EQ(flag_tree.size(), config_tree.size());
  for (const auto& [name, bytes] : flag_tree) {
    ASSERT_TRUE(config_tree.count(name)) << name;
    EXPECT_TRUE(config_tree.at(name) == bytes) << name << " differs";
  }
}

TEST(CliJobTest, PrintConfigThenConfigWritesTheSameBytesForEveryCommand) {
  TempDir dir;
  WritePano(dir / "in/a.jpg", 256);
  WritePano(dir / "in/b.jpg", 256);
  testkit::SyntheticVideoOptions video;
  video.frame_count = 12;
  testkit::WriteSyntheticVideo(dir / "v.mp4", video);
  ExpectConfigRunMatchesFlags(dir,
                              {"split", dir / "in", "-o", dir / "split", "--rig", "ring:4", "--size", "64x48",
                               "--format", "png", "--interp", "bicubic", "--progress", "none"},
                              dir / "split");
  ExpectConfigRunMatchesFlags(dir,
                              {"run", dir / "v.mp4", "-o", dir / "run", "--fps", "5", "--select", "sharpest",
                               "--rig", "cube6", "--size", "48x48", "--keep-equirect", "--quality", "80", "-q"},
                              dir / "run");
  ExpectConfigRunMatchesFlags(dir, {"extract", dir / "v.mp4", "-o", dir / "frames", "--every", "4", "-q"},
                              dir / "frames");
  ExpectConfigRunMatchesFlags(dir,
                              {"mask", dir / "split/images", "-o", dir / "masks", "--model", kModel, "--mask-style",
                               "metashape", "--dilate", "2", "--max-det", "5", "-q"},
                              dir / "masks");
}

TEST(CliJobTest, FlagsBesideAConfigOverrideIt) {
  TempDir dir;
  WritePano(dir / "in/a.jpg", 256);
  const auto printed = RunCli({"split", dir / "in", "-o", dir / "out", "--rig", "ring:4", "--quality", "70",
                               "--print-config"});
  ASSERT_EQ(printed.exit_code, 0) << printed.err;
  WriteText(dir.path() / "job.json", printed.out);
  const auto r = RunCli({"split", "--config", dir / "job.json", "--quality", "50", "--size", "32x32", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto job = nlohmann::json::parse(ReadText(dir.path() / "out/job.json"));
  EXPECT_EQ(job["encode"]["quality"], 50);
  EXPECT_EQ(job["rig"]["name"], "ring:4");
  EXPECT_EQ(job["rig"]["width"], 32);
  EXPECT_EQ(ReadImageInfo(dir / "out/images/cam00/a.jpg").width, 32);
}

TEST(CliJobTest, BadDocumentsExitTwoWithOneLineNamingFileAndPointer) {
  TempDir dir;
  WriteText(dir.path() / "job.json",
            R"({"command": "split", "inputs": ["x"], "output": "o", "encode": {"quality": "high"}})");
  auto r = RunCli({"split", "--config", dir / "job.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "prep360: " + (dir / "job.json") + ": /encode/quality: expected an integer 1..100, got \"high\"\n");
  WriteText(dir.path() / "split.json", R"({"command": "split", "inputs": ["x"], "output": "o"})");
  r = RunCli({"run", "--config", dir / "split.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/command: is \"split\", but this is prep360 run"), std::string::npos) << r.err;
  r = RunCli({"split", "--config", dir / "missing.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
  const auto schema = RunCli({"config", "--schema"});
  ASSERT_EQ(schema.exit_code, 0);
  EXPECT_EQ(nlohmann::json::parse(schema.out)["$schema"], "https://json-schema.org/draft/2020-12/schema");
}

TEST(CliJobTest, OptionParsingIsConsistent) {
  TempDir dir;
  WritePano(dir / "pano.jpg", 256);
  // --classes takes one comma-separated value, so the positional input after it is kept.
  auto r = RunCli({"split", "--mask", "--model", kModel, "--classes", "person,car", dir / "pano.jpg", "-o",
                   dir / "a", "--rig", "ring:4", "--size", "32x32", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Detection options need --mask, --classes as much as --model.
  r = RunCli({"split", "--classes", "person", dir / "pano.jpg", "-o", dir / "b"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "prep360: --classes is given without --mask or --detect\n");
  // -j 0 means all cores everywhere.
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "c", "--rig", "ring:4", "--size", "32x32", "-j", "0", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Parser errors carry the prefix and stay on one line.
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--quality", "120"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("prep360: --quality: expected an integer 1..100, got 120", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1);
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--bogus"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err.rfind("prep360: ", 0), 0u) << r.err;
  // Rules between fields name the flags when no --config is used.
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--resume", "--overwrite"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "prep360: --overwrite: cannot be combined with --resume\n");
  // split's help describes what split does (no video).
  r = RunCli({"split", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.find("10-bit"), std::string::npos);
  EXPECT_NE(r.out.find("--print-config"), std::string::npos);
}

TEST(CliJobTest, ADatasetIsNeverSilentlyMixed) {
  TempDir dir;
  WritePano(dir / "pano.jpg", 256);
  auto r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--size", "32x32", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(dir.path() / "d/images/cam10/pano.jpg"));
  // The same settings again: fine (the files are rewritten identically).
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--size", "32x32", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  // Another rig into the same folder is refused, naming the setting and the way out.
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--rig", "cube6", "--size", "32x32", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("holds a dataset made with other settings (--rig was \"default11\", now \"cube6\")"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("--overwrite"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  // --overwrite clears the old dataset first: no stale views of the old rig stay.
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--rig", "cube6", "--size", "32x32", "--overwrite", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(dir.path() / "d/images/cam05/pano.jpg"));
  EXPECT_FALSE(fs::exists(dir.path() / "d/images/cam06"));
  EXPECT_FALSE(fs::exists(dir.path() / "d/images/cam10"));
  // --resume with other settings is refused too.
  r = RunCli({"split", dir / "pano.jpg", "-o", dir / "d", "--rig", "cube6", "--size", "32x32", "--quality", "60",
              "--resume", "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--quality was 95, now 60"), std::string::npos) << r.err;
}

TEST(CliJobTest, MaskCommandAndSplitShareTheMaskFileRule) {
  TempDir dir;
  // Nothing red: nothing is detected. An inverted mask keeps only objects, so it ignores the
  // whole image and must exist, also in RealityScan's style (which writes no file for an
  // ordinary empty mask).
  Image black(640, 640, 3, 1);
  black.Fill(0);
  fs::create_directories(dir.path() / "images/v0");
  WriteFileAtomic(dir / "images/v0/f.png", EncodeImage(black, ImageFormat::kPng, {}));
  auto r = RunCli({"mask", dir / "images", "-o", dir / "inv", "--model", kModel, "--mask-style", "realityscan",
                   "--invert", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path inverted = dir.path() / "inv/v0/f.png.mask.png";
  ASSERT_TRUE(fs::exists(inverted));
  const Image mask = ReadImage(inverted.string());
  EXPECT_EQ(mask.At(0, 0, 0), 0);
  EXPECT_EQ(mask.At(639, 639, 0), 0);
  r = RunCli({"mask", dir / "images", "-o", dir / "plain", "--model", kModel, "--mask-style", "realityscan", "-q"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "plain/v0/f.png.mask.png"));
}

TEST(CliJobTest, MaskChecksTheModelFirstAndNamesAMissingFolder) {
  TempDir dir;
  auto r = RunCli({"mask", dir / "nonexist", "-o", dir / "m", "--model", kModel});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "prep360: " + (dir / "nonexist") + ": no such file or folder\n");
  r = RunCli({"mask", dir / "nonexist", "-o", dir / "m", "--model", dir / "nomodel.onnx"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("nomodel.onnx"), std::string::npos) << r.err;
}

TEST(CliJobTest, WarningsCarryNoTerminalCodesInLogs) {
  TempDir dir;
  WritePano(dir / "in/a.jpg", 256);
  std::ofstream(dir / "in/b.jpg") << "not a jpeg";
  const auto r = RunCli({"split", dir / "in", "-o", dir / "out", "--rig", "ring:4", "--size", "32x32", "--progress",
                         "plain"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("prep360: skipped "), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\x1b'), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find('\r'), std::string::npos) << r.err;
}

}  // namespace
}  // namespace prep360
