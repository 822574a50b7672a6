#include "prep360/video/frame_selector.h"

#include <gtest/gtest.h>

#include <vector>

#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::SyntheticVideoOptions;
using testkit::TempDir;
using testkit::WriteSyntheticVideo;

class FrameSelectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    SyntheticVideoOptions o;  // 256x128, 30 fps
    o.frame_count = 60;
    o.gop = 10;
    WriteSyntheticVideo(*dir_ / "plain.mp4", o);
    // Every frame blurred except the 8th of every ten.
    o.blur_radius = [](int i) { return i % 10 == 7 ? 0 : 2; };
    WriteSyntheticVideo(*dir_ / "blurred.mp4", o);
    // Still for the first 20 frames, then turning 3 degrees per frame.
    o.blur_radius = nullptr;
    o.yaw_deg = [](int i) { return i < 20 ? 0.0 : 3.0 * (i - 19); };
    WriteSyntheticVideo(*dir_ / "still_then_turning.mp4", o);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }

  // Indices of the kept frames.
  static std::vector<std::int64_t> Select(const std::string& name, const SamplingOptions& options,
                                          std::vector<FrameDecision>* decisions = nullptr,
                                          std::int64_t* decoded = nullptr) {
    VideoReaderOptions ro;
    ro.start_s = options.start_s;
    VideoReader reader(*dir_ / name, ro);
    FrameSelector selector(reader, options);
    std::vector<std::int64_t> kept;
    SelectedFrame s;
    while (selector.Next(s)) {
      EXPECT_FALSE(s.frame.empty());
      EXPECT_EQ(s.frame.index(), s.decision.index);
      EXPECT_TRUE(s.decision.kept);
      kept.push_back(s.frame.index());
    }
    if (decisions != nullptr) *decisions = selector.decisions();
    if (decoded != nullptr) *decoded = selector.frames_decoded();
    return kept;
  }

  static inline TempDir* dir_ = nullptr;
};

using Indices = std::vector<std::int64_t>;

TEST_F(FrameSelectorTest, EveryFrameWithoutSampling) {
  const Indices kept = Select("plain.mp4", {});
  ASSERT_EQ(kept.size(), 60u);
  for (std::size_t i = 0; i < kept.size(); ++i) EXPECT_EQ(kept[i], static_cast<std::int64_t>(i));
}

TEST_F(FrameSelectorTest, FpsKeepsTheFirstFrameOfEachWindow) {
  SamplingOptions o;
  o.fps = 2;
  std::vector<FrameDecision> decisions;
  EXPECT_EQ(Select("plain.mp4", o, &decisions), (Indices{0, 15, 30, 45}));
  ASSERT_EQ(decisions.size(), 4u);
  EXPECT_EQ(decisions[2].window, 2);
  EXPECT_NEAR(decisions[2].time_s, 1.0, 1e-6);
  EXPECT_FALSE(decisions[2].sharpness);
  EXPECT_FALSE(decisions[2].motion);
  o.fps = 7.5;  // windows of 4 frames
  EXPECT_EQ(Select("plain.mp4", o).size(), 15u);
}

TEST_F(FrameSelectorTest, EveryNFrames) {
  SamplingOptions o;
  o.every = 10;
  EXPECT_EQ(Select("plain.mp4", o), (Indices{0, 10, 20, 30, 40, 50}));
}

TEST_F(FrameSelectorTest, StartEndAndMaxFrames) {
  SamplingOptions o;
  o.fps = 2;
  o.start_s = 0.5;
  o.end_s = 1.5;  // frame 45 (t = 1.5) is excluded
  std::int64_t decoded = 0;
  EXPECT_EQ(Select("plain.mp4", o, nullptr, &decoded), (Indices{15, 30}));
  EXPECT_LE(decoded, 40);

  SamplingOptions m;
  m.every = 10;
  m.max_frames = 3;
  EXPECT_EQ(Select("plain.mp4", m, nullptr, &decoded), (Indices{0, 10, 20}));
  EXPECT_LE(decoded, 30);  // stops decoding once the limit is reached (plus frame-threading lag)

  SamplingOptions e;
  e.every = 10;
  e.start_s = 1.0;  // windows counted from the first frame used
  EXPECT_EQ(Select("plain.mp4", e), (Indices{30, 40, 50}));
}

TEST_F(FrameSelectorTest, SharpestPicksTheUnblurredFrame) {
  SamplingOptions o;
  o.every = 10;
  o.select = SelectMode::kSharpest;
  std::vector<FrameDecision> decisions;
  EXPECT_EQ(Select("blurred.mp4", o, &decisions), (Indices{7, 17, 27, 37, 47, 57}));
  ASSERT_EQ(decisions.size(), 6u);
  EXPECT_TRUE(decisions[0].sharpness);
  EXPECT_EQ(decisions[5].window, 5);
  o.every = 0;
  o.fps = 1;  // windows of 30 frames: the first sharp frame wins ties? no ties: each window has 3
  const Indices kept = Select("blurred.mp4", o);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[0] % 10, 7);
  EXPECT_EQ(kept[1] % 10, 7);
  EXPECT_GE(kept[1], 30);
}

TEST_F(FrameSelectorTest, MinMotionDropsTheStillSegment) {
  SamplingOptions o;
  o.every = 5;
  o.min_motion = 1.0;
  std::vector<FrameDecision> decisions;
  EXPECT_EQ(Select("still_then_turning.mp4", o, &decisions),
            (Indices{0, 20, 25, 30, 35, 40, 45, 50, 55}));
  ASSERT_EQ(decisions.size(), 12u);
  EXPECT_FALSE(decisions[0].motion);  // the first kept frame has nothing to compare with
  for (int i = 1; i <= 3; ++i) {
    EXPECT_FALSE(decisions[i].kept);
    EXPECT_EQ(decisions[i].index, 5 * i);
    ASSERT_TRUE(decisions[i].motion);
    EXPECT_LT(*decisions[i].motion, 0.3);  // compression noise only
  }
  ASSERT_TRUE(decisions[4].motion);
  EXPECT_NEAR(*decisions[4].motion, 2.8, 0.7);  // 3 degrees = 2 px of 256: 2.81 degrees
  EXPECT_NEAR(*decisions[5].motion, 15.5, 1.0);  // 11 px: 15.47 degrees
}

TEST_F(FrameSelectorTest, RejectsInconsistentOptions) {
  VideoReader reader(*dir_ / "plain.mp4", {});
  auto make = [&](SamplingOptions o) { FrameSelector s(reader, o); };
  SamplingOptions both;
  both.fps = 2;
  both.every = 3;
  EXPECT_THROW(make(both), Error);
  SamplingOptions backwards;
  backwards.start_s = 2;
  backwards.end_s = 1;
  EXPECT_THROW(make(backwards), Error);
  SamplingOptions negative;
  negative.fps = -1;
  EXPECT_THROW(make(negative), Error);
  negative.fps = 0;
  negative.min_motion = -0.5;
  EXPECT_THROW(make(negative), Error);
  negative.min_motion = 0;
  negative.max_frames = -2;
  EXPECT_THROW(make(negative), Error);
  try {
    make(both);
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("/source/every"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace prep360
