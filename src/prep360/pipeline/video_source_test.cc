#include "prep360/pipeline/video_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "prep360/testing/test_images.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::TempDir;

// Every frame of a video, by source index.
std::map<std::int64_t, Image> DecodeEveryFrame(const std::string& path) {
  VideoReader reader(path, {});
  std::map<std::int64_t, Image> frames;
  VideoFrame f;
  while (reader.Next(f)) frames[f.index()] = f.ToImage(1);
  return frames;
}

void Truncate(const std::string& from, const std::string& to, double fraction) {
  std::ifstream in(from, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes.resize(static_cast<std::size_t>(static_cast<double>(bytes.size()) * fraction));
  std::ofstream(to, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

TEST(VideoSourceTest, DamageKeepsTheBestFrameOfTheOpenWindowThenFails) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.frame_count = 60;
  o.gop = 10;
  o.crf = 12;
  o.yaw_deg = [](int f) { return 3.0 * f; };
  o.blur_radius = [](int f) { return f == 5 ? 0 : 3; };  // frame 5 is the sharpest
  o.extra_args = {"-movflags", "+faststart"};
  const std::string whole = dir / "whole.mp4";
  testkit::WriteSyntheticVideo(whole, o);
  const std::string cut = dir / "cut.mp4";
  Truncate(whole, cut, 0.6);

  VideoSourceOptions options;
  options.path = cut;
  options.sampling.fps = 0.5;  // one window for the whole 2 s: still open when the cut is found
  options.sampling.select = SelectMode::kSharpest;
  options.decoder_threads = 8;
  VideoSource source(options);
  SourceFrame frame;
  StageTimes times;
  ASSERT_TRUE(source.Next(frame, times));
  EXPECT_EQ(frame.frame_name, "frame_000005");
  ASSERT_TRUE(frame.decision.has_value());
  EXPECT_EQ(frame.decision->index, 5);
  EXPECT_NEAR(frame.decision->time_s, 5.0 / 30.0, 1e-6);
  const auto truth = DecodeEveryFrame(whole);
  EXPECT_TRUE(testkit::SamePixels(frame.video.ToImage(1), truth.at(5)));
  try {
    source.Next(frame, times);
    FAIL() << "no error after the cut";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(cut + ": corrupt or truncated stream at ", 0), 0u) << what;
  }
}

TEST(VideoSourceTest, StartAfterTheEndIsAnErrorNamingTheDuration) {
  TempDir dir;
  testkit::SyntheticVideoOptions o;
  o.frame_count = 60;
  const std::string clip = dir / "short.mp4";
  testkit::WriteSyntheticVideo(clip, o);
  VideoSourceOptions options;
  options.path = clip;
  options.sampling.start_s = 100;
  try {
    VideoSource source(options);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what,
              clip + ": start time 100 s is at or after the end of the video (the video lasts 2.000 s)");
  }
}

TEST(VideoSourceTest, StreamOptionChoosesTheVideoStream) {
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

  VideoSourceOptions options;
  options.path = two;
  {
    VideoSource automatic(options);
    EXPECT_EQ(automatic.info().stream, 1);
    EXPECT_EQ(automatic.EquirectWidth(), 256);
    EXPECT_EQ(automatic.Describe()["stream"], 1);
  }
  options.stream = 0;
  try {
    VideoSource flat_stream(options);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("160x120 is not 2:1"), std::string::npos) << what;
    EXPECT_NE(what.find("stream 1: h264 256x128"), std::string::npos) << what;
    EXPECT_NE(what.find("/source/stream"), std::string::npos) << what;
    EXPECT_EQ(what.find("--"), std::string::npos) << what;
  }
  options.force = true;
  VideoSource forced(options);
  EXPECT_EQ(forced.EquirectWidth(), 160);
  SourceFrame frame;
  StageTimes times;
  ASSERT_TRUE(forced.Next(frame, times));
  EXPECT_EQ(frame.video.ToImage(1).height(), 120);
}

}  // namespace
}  // namespace prep360
