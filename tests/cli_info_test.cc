// End-to-end tests of `prep360 info`: versions, rig JSON files, and what it says about files it
// cannot describe. (Videos: cli_video_test.cc.)
#include <onnxruntime_c_api.h>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "prep360/testing/cli_runner.h"
#include "prep360/testing/temp_dir.h"

namespace prep360 {
namespace {

using testkit::RunCli;
using testkit::TempDir;

std::string Version(unsigned v) { return fmt::format("{}.{}.{}", v >> 16, (v >> 8) & 0xff, v & 0xff); }

// The line of `info` output that starts with `name`, "" if none.
std::string LineOf(const std::string& out, const std::string& name) {
  std::size_t pos = 0;
  while (pos < out.size()) {
    const std::size_t end = std::min(out.find('\n', pos), out.size());
    const std::string line = out.substr(pos, end - pos);
    if (line.rfind(name + " ", 0) == 0) return line;
    pos = end + 1;
  }
  return "";
}

std::string ValueOf(const std::string& line) {
  const std::size_t space = line.find_first_not_of(' ', line.find("  "));
  return space == std::string::npos ? "" : line.substr(space);
}

TEST(CliInfoTest, PrintsTheFfmpegAndOnnxRuntimeVersions) {
  const auto r = RunCli({"info"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(ValueOf(LineOf(r.out, "libavformat")), Version(avformat_version())) << r.out;
  EXPECT_EQ(ValueOf(LineOf(r.out, "libavcodec")), Version(avcodec_version())) << r.out;
  EXPECT_EQ(ValueOf(LineOf(r.out, "libswscale")), Version(swscale_version())) << r.out;
  EXPECT_EQ(ValueOf(LineOf(r.out, "libavutil")), Version(avutil_version())) << r.out;
  EXPECT_EQ(ValueOf(LineOf(r.out, "FFmpeg")), av_version_info()) << r.out;
  EXPECT_EQ(ValueOf(LineOf(r.out, "ONNX Runtime")), OrtGetApiBase()->GetVersionString()) << r.out;
}

TEST(CliInfoTest, DescribesARigJson) {
  TempDir dir;
  const std::string rig = dir / "my_rig.json";
  std::ofstream(rig) << R"({"name": "pair", "views": [
      {"name": "front", "hfov": 90, "width": 1920, "height": 1080},
      {"name": "up", "yaw": 30, "pitch": 60, "hfov": 100}]})";
  const auto r = RunCli({"info", rig});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(rig + ": rig \"pair\", 2 view(s)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("front        yaw    0.000 pitch    0.000 roll    0.000  hfov  90.000  1920x1080\n"),
            std::string::npos)
      << r.out;
  EXPECT_NE(
      r.out.find(
          "up           yaw   30.000 pitch   60.000 roll    0.000  hfov 100.000  size from the panorama"),
      std::string::npos)
      << r.out;
  // A broken rig file is reported as such, not as "not a video".
  std::ofstream(dir / "bad.json") << R"({"views": [{"name": "a"}]})";
  const auto bad = RunCli({"info", dir / "bad.json"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("hfov"), std::string::npos) << bad.err;
}

TEST(CliInfoTest, AnUnknownFileIsAnsweredWithWhatInfoAccepts) {
  TempDir dir;
  const std::string notes = dir / "notes.txt";
  std::ofstream(notes) << "these are notes\n";
  const auto r = RunCli({"info", notes});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err,
            "prep360: " + notes +
                ": not a file info can describe: it takes a video, a panorama image (JPEG, PNG, TIFF), a rig "
                ".json, or --model FILE.onnx\n");
}

}  // namespace
}  // namespace prep360
