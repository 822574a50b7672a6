#include "prep360/scale/video_shard.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"

namespace prep360 {
namespace {

// Two seconds of 30 fps H.264 with a keyframe at least every 10 frames.
class VideoShardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testkit::SyntheticVideoOptions o;
    o.frame_count = 60;
    o.gop = 10;
    path_ = tmp_ / "v.mp4";
    testkit::WriteSyntheticVideo(path_, o);
  }
  testkit::TempDir tmp_;
  std::string path_;
};

TEST_F(VideoShardTest, KeyframeTimesComeFromTheIndex) {
  VideoReader reader(path_, VideoReaderOptions{});
  const std::vector<double> kf = reader.KeyframeTimes();
  ASSERT_GE(kf.size(), 6u);
  // MP4's index holds decode times: the first keyframe precedes its presentation (0 s) by the
  // B-frame delay, at most a few frames.
  EXPECT_LE(kf.front(), 1e-6);
  EXPECT_GE(kf.front(), -4.0 / 30);
  EXPECT_TRUE(std::is_sorted(kf.begin(), kf.end()));
  for (std::size_t i = 1; i < kf.size(); ++i) EXPECT_LE(kf[i] - kf[i - 1], 10.0 / 30 + 1e-6);
}

TEST_F(VideoShardTest, ShardsStartAtKeyframesAndTileTheWindows) {
  VideoReaderOptions ro;
  VideoReader reader(path_, ro);
  const std::vector<double> kf = reader.KeyframeTimes();
  SamplingOptions s;
  s.fps = 4;  // 8 windows of 0.25 s
  const int n = 4;
  std::int64_t next = 0;
  for (int k = 1; k <= n; ++k) {
    const VideoShardPlan p = PlanVideoShard(path_, ro, reader.info(), s, Shard{k, n}, 8, kf);
    EXPECT_EQ(p.first_window, next) << k;
    const double first_s = static_cast<double>(p.first_window) / s.fps;
    if (k > 1) {
      // Decoding starts at a keyframe, and the shard's first window is the first after it.
      EXPECT_TRUE(std::any_of(kf.begin(), kf.end(), [&](double t) { return std::abs(t - p.seek_s) < 1e-9; }))
          << k << ": seek " << p.seek_s;
      EXPECT_LE(p.seek_s, first_s + 1e-9);
      EXPECT_LT(first_s - p.seek_s, 1.0 / s.fps) << k;
    } else {
      EXPECT_EQ(p.seek_s, 0.0);
    }
    if (k < n) {
      EXPECT_GE(p.end_window, p.first_window);
      next = p.end_window;
    } else {
      EXPECT_EQ(p.end_window, -1);
    }
  }
  EXPECT_GT(next, 0);
}

}  // namespace
}  // namespace prep360
