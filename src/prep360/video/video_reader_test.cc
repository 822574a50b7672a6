#include "prep360/video/video_reader.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <thread>
#include <vector>

#include "prep360/testing/test_images.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"
#include "prep360/video/mp4_index_check.h"

namespace prep360 {
namespace {

using testkit::Psnr;
using testkit::RenderSyntheticFrame;
using testkit::SyntheticVideoOptions;
using testkit::TempDir;
using testkit::WriteSyntheticVideo;

// The videos are encoded once for the whole suite (encoding dominates the run time).
class VideoReaderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    h264_.width = 256;
    h264_.height = 128;
    h264_.fps = 30;
    h264_.frame_count = 45;
    h264_.crf = 8;
    h264_.gop = 10;
    h264_.creation_time = "2024-05-01T10:20:30Z";
    h264_.extra_args = {"-movflags", "+faststart"};
    WriteSyntheticVideo(Path("h264.mp4"), h264_);

    hevc10_.width = 256;
    hevc10_.height = 128;
    hevc10_.fps = 24;
    hevc10_.frame_count = 12;
    hevc10_.codec = "libx265";
    hevc10_.pixel_format = "yuv420p10le";
    hevc10_.crf = 4;
    WriteSyntheticVideo(Path("hevc10.mp4"), hevc10_);

    rotated_ = h264_;
    rotated_.frame_count = 3;
    rotated_.rotation_deg = 90;
    rotated_.creation_time.clear();
    rotated_.extra_args.clear();
    WriteSyntheticVideo(Path("rotated.mp4"), rotated_);

    // Matroska with frequent keyframes, for the damaged-stream cases.
    mkv_ = h264_;
    mkv_.frame_count = 60;
    mkv_.extra_args.clear();
    mkv_.yaw_deg = [](int i) { return 3.0 * i; };  // every frame differs, so damage shows
    WriteSyntheticVideo(Path("h264.mkv"), mkv_);

    // Variable frame rate: 18 frames at 30 fps, 18 at 10 fps, 18 at 60 fps (VfrTime).
    vfr_.frame_count = 54;
    vfr_.gop = 10;
    vfr_.yaw_deg = [](int i) { return 5.0 * i; };
    vfr_.filter = "settb=1/600,setpts='if(lt(N,18),20*N,if(lt(N,36),360+60*(N-18),1440+10*(N-36)))'";
    vfr_.extra_args = {"-fps_mode", "passthrough", "-enc_time_base", "1/600"};
    WriteSyntheticVideo(Path("vfr.mp4"), vfr_);
    WriteSyntheticVideo(Path("vfr.mkv"), vfr_);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string Path(const std::string& name) { return *dir_ / name; }

  static std::vector<VideoFrame> DecodeAll(const std::string& path, VideoReaderOptions options = {}) {
    VideoReader reader(path, options);
    std::vector<VideoFrame> frames;
    VideoFrame f;
    while (reader.Next(f)) frames.push_back(std::move(f));
    return frames;
  }

  static inline TempDir* dir_ = nullptr;
  static inline SyntheticVideoOptions h264_, hevc10_, rotated_, mkv_, vfr_;
};

// The presentation time of frame n of vfr.mp4 / vfr.mkv.
double VfrTime(int n) {
  if (n < 18) return n / 30.0;
  if (n < 36) return 0.6 + (n - 18) / 10.0;
  return 2.4 + (n - 36) / 60.0;
}

TEST_F(VideoReaderTest, ProbeH264) {
  const VideoInfo info = ProbeVideo(Path("h264.mp4"));
  EXPECT_EQ(info.codec, "h264");
  EXPECT_NE(info.container.find("mp4"), std::string::npos);
  EXPECT_EQ(info.pixel_format, "yuv420p");
  EXPECT_EQ(info.width, 256);
  EXPECT_EQ(info.height, 128);
  EXPECT_EQ(info.bit_depth, 8);
  EXPECT_DOUBLE_EQ(info.fps, 30.0);
  EXPECT_EQ(info.frame_count, 45);
  EXPECT_NEAR(info.duration_s, 1.5, 1e-3);
  EXPECT_EQ(info.rotation_deg, 0);
  EXPECT_EQ(info.spherical, "");
  EXPECT_EQ(info.creation_time.substr(0, 19), "2024-05-01T10:20:30");
  EXPECT_GT(info.bitrate, 0);
}

TEST_F(VideoReaderTest, ProbeHevc10Bit) {
  const VideoInfo info = ProbeVideo(Path("hevc10.mp4"));
  EXPECT_EQ(info.codec, "hevc");
  EXPECT_EQ(info.pixel_format, "yuv420p10le");
  EXPECT_EQ(info.bit_depth, 10);
  EXPECT_EQ(info.width, 256);
  EXPECT_EQ(info.height, 128);
  EXPECT_DOUBLE_EQ(info.fps, 24.0);
  EXPECT_EQ(info.frame_count, 12);
  EXPECT_NEAR(info.duration_s, 0.5, 1e-3);
  EXPECT_EQ(info.creation_time, "");
}

TEST_F(VideoReaderTest, ProbeRotationSwapsDisplayedSize) {
  const VideoInfo info = ProbeVideo(Path("rotated.mp4"));
  EXPECT_EQ(info.rotation_deg, 90);
  EXPECT_EQ(info.width, 128);
  EXPECT_EQ(info.height, 256);
}

TEST_F(VideoReaderTest, DecodesEveryFrameWithTimestamps) {
  const std::vector<VideoFrame> frames = DecodeAll(Path("h264.mp4"));
  ASSERT_EQ(frames.size(), 45u);
  for (std::size_t i = 0; i < frames.size(); ++i) {
    EXPECT_EQ(frames[i].index(), static_cast<std::int64_t>(i));
    EXPECT_NEAR(frames[i].time_s(), static_cast<double>(i) / 30.0, 1e-6);
  }
}

TEST_F(VideoReaderTest, PixelsMatchTheRenderedFrame) {
  VideoReader reader(Path("h264.mp4"), {});
  VideoFrame f;
  ASSERT_TRUE(reader.Next(f));
  const Image img = f.ToImage(1);
  ASSERT_EQ(img.width(), 256);
  ASSERT_EQ(img.height(), 128);
  ASSERT_EQ(img.channels(), 3);
  EXPECT_GT(Psnr(RenderSyntheticFrame(h264_, 0), img, 0), 32.0);
}

TEST_F(VideoReaderTest, TenBitDecodesToSixteenBit) {
  const std::vector<VideoFrame> frames = DecodeAll(Path("hevc10.mp4"));
  ASSERT_EQ(frames.size(), 12u);
  EXPECT_NEAR(frames[11].time_s(), 11.0 / 24.0, 1e-6);
  const Image img = frames[3].ToImage(2);
  ASSERT_EQ(img.bytes_per_sample(), 2);
  const Image expected = RenderSyntheticFrame(hevc10_, 3, 2);
  EXPECT_GT(Psnr(expected, img, 0), 35.0);
  // Full 16-bit range: samples spread well beyond what an unscaled 10-bit value could hold.
  std::uint32_t max_sample = 0;
  for (int y = 0; y < img.height(); ++y)
    for (int x = 0; x < img.width(); ++x) max_sample = std::max(max_sample, img.At(x, y, 1));
  EXPECT_GT(max_sample, 40000u);
  // The 8-bit conversion of the same frame agrees.
  EXPECT_GT(Psnr(RenderSyntheticFrame(hevc10_, 3, 1), frames[3].ToImage(1), 0), 32.0);
}

TEST_F(VideoReaderTest, ToImageAppliesRotationAndBorder) {
  VideoReader reader(Path("rotated.mp4"), {});
  VideoFrame f;
  ASSERT_TRUE(reader.Next(f));
  const Image img = f.ToImage(1, 4);
  ASSERT_EQ(img.width(), 128);
  ASSERT_EQ(img.height(), 256);
  EXPECT_EQ(img.border(), 4);
  const Image expected = testkit::RotateClockwise(RenderSyntheticFrame(rotated_, 0), 90);
  Image interior(128, 256, 3, 1);
  for (int y = 0; y < 256; ++y) std::memcpy(interior.Row(y), img.Row(y), 128 * 3);
  EXPECT_GT(Psnr(expected, interior, 0), 32.0);
}

TEST_F(VideoReaderTest, ToImageIsSafeOnSeveralThreads) {
  std::vector<VideoFrame> frames = DecodeAll(Path("h264.mkv"));
  ASSERT_EQ(frames.size(), 60u);
  std::vector<double> psnr(frames.size());
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (std::size_t i = static_cast<std::size_t>(t); i < frames.size(); i += 4) {
        psnr[i] = Psnr(RenderSyntheticFrame(mkv_, static_cast<int>(i)), frames[i].ToImage(1), 0);
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t i = 0; i < psnr.size(); ++i) EXPECT_GT(psnr[i], 32.0) << "frame " << i;
}

TEST_F(VideoReaderTest, ToImageIsRightAfterAnotherKindOfConversionOnTheSameThread) {
  // Each thread keeps its swscale context; a new one (another format) must get the colour matrix
  // again even when it lands at the freed context's address.
  const std::vector<VideoFrame> ten = DecodeAll(Path("hevc10.mp4"));
  const std::vector<VideoFrame> eight = DecodeAll(Path("h264.mp4"));
  Image fresh, after_other;
  std::thread([&] { fresh = ten[3].ToImage(2); }).join();
  std::thread([&] {
    for (int i = 0; i < 3; ++i) {
      (void)eight[0].ToImage(1);
      after_other = ten[3].ToImage(2);
    }
  }).join();
  EXPECT_TRUE(testkit::SamePixels(fresh, after_other));
}

TEST_F(VideoReaderTest, LumaIsAnAreaAverageOfY) {
  VideoReader reader(Path("h264.mp4"), {});
  VideoFrame f;
  ASSERT_TRUE(reader.Next(f));
  const LumaThumbnail luma = f.Luma(64);
  ASSERT_EQ(luma.width, 64);
  ASSERT_EQ(luma.height, 32);
  // Compare with the BT.709 limited-range luma of the render, averaged over 4x4 blocks.
  const Image rgb = RenderSyntheticFrame(h264_, 0);
  double max_err = 0;
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 64; ++x) {
      double sum = 0;
      for (int j = 0; j < 4; ++j) {
        for (int i = 0; i < 4; ++i) {
          const int px = 4 * x + i, py = 4 * y + j;
          sum += 16.0 + 219.0 / 255.0 * (0.2126 * rgb.At(px, py, 0) + 0.7152 * rgb.At(px, py, 1) +
                                         0.0722 * rgb.At(px, py, 2));
        }
      }
      max_err = std::max(max_err, std::abs(sum / 16.0 - luma.pixels[static_cast<std::size_t>(y * 64 + x)]));
    }
  }
  EXPECT_LT(max_err, 3.0);
  // 10-bit luma is shifted down to 8 bits.
  VideoReader reader10(Path("hevc10.mp4"), {});
  ASSERT_TRUE(reader10.Next(f));
  const LumaThumbnail luma10 = f.Luma(64);
  double mean = 0;
  for (auto v : luma10.pixels) mean += v;
  mean /= static_cast<double>(luma10.pixels.size());
  EXPECT_GT(mean, 60);
  EXPECT_LT(mean, 200);
}

TEST_F(VideoReaderTest, SeekStartsAtTheFirstFrameAtOrAfterStart) {
  VideoReaderOptions options;
  options.start_s = 1.2;  // frame 36; keyframes every 10 frames: decoding starts at frame 30
  VideoReader reader(Path("h264.mp4"), options);
  VideoFrame f;
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(f.index(), 36);
  EXPECT_NEAR(f.time_s(), 1.2, 1e-6);
  EXPECT_LE(reader.frames_decoded(), 12);  // from the keyframe, not from frame 0
  EXPECT_GT(Psnr(RenderSyntheticFrame(h264_, 36), f.ToImage(1), 0), 32.0);
  int rest = 0;
  while (reader.Next(f)) ++rest;
  EXPECT_EQ(rest, 8);  // frames 37..44
  EXPECT_EQ(f.index(), 44);

  // Between frames: the next one.
  options.start_s = 0.51;
  VideoReader reader2(Path("h264.mkv"), options);
  ASSERT_TRUE(reader2.Next(f));
  EXPECT_EQ(f.index(), 16);
  EXPECT_LT(reader2.frames_decoded(), 16);
}

TEST_F(VideoReaderTest, VariableFrameRateFramesAreNumberedInDecodedOrder) {
  for (const char* name : {"vfr.mp4", "vfr.mkv"}) {
    SCOPED_TRACE(name);
    const std::vector<VideoFrame> frames = DecodeAll(Path(name));
    ASSERT_EQ(frames.size(), 54u);
    for (std::size_t i = 0; i < frames.size(); ++i) {
      EXPECT_EQ(frames[i].index(), static_cast<std::int64_t>(i));
      EXPECT_NEAR(frames[i].time_s(), VfrTime(static_cast<int>(i)), 1e-3);  // Matroska: millisecond times
    }
    EXPECT_GT(Psnr(RenderSyntheticFrame(vfr_, 40), frames[40].ToImage(1), 0), 30.0);
  }
}

TEST_F(VideoReaderTest, IndexAfterASeekIsTheIndexFromTheStart) {
  // MP4 counts the frames before the seek point from its index, Matroska by reading packets.
  for (const char* name : {"vfr.mp4", "vfr.mkv"}) {
    SCOPED_TRACE(name);
    VideoReaderOptions options;
    options.start_s = 1.0;  // frame 22 (10 fps part); keyframes every 10 frames: decoding starts at 20
    VideoReader reader(Path(name), options);
    std::vector<VideoFrame> frames;
    VideoFrame f;
    while (reader.Next(f)) frames.push_back(std::move(f));
    ASSERT_EQ(frames.size(), 32u);
    for (std::size_t i = 0; i < frames.size(); ++i)
      EXPECT_EQ(frames[i].index(), 22 + static_cast<std::int64_t>(i));
    EXPECT_NEAR(frames[0].time_s(), 1.0, 1e-6);
    EXPECT_LT(reader.frames_decoded(), 54 - 10);  // not decoded from the start
    EXPECT_GT(Psnr(RenderSyntheticFrame(vfr_, 22), frames[0].ToImage(1), 0), 30.0);
  }
}

TEST_F(VideoReaderTest, StartAtOrAfterTheEndThrowsNamingTheDuration) {
  VideoReaderOptions options;
  options.start_s = 100;
  try {
    VideoReader reader(Path("h264.mp4"), options);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(Path("h264.mp4") + ": ", 0), 0u) << what;
    EXPECT_NE(what.find("1.500 s"), std::string::npos) << what;
    EXPECT_EQ(what.find("--"), std::string::npos) << what;
  }
  // After the last frame (1.467 s) but before the stated duration: the first Next says so.
  options.start_s = 1.49;
  VideoReader reader(Path("h264.mp4"), options);
  VideoFrame f;
  try {
    reader.Next(f);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(Path("h264.mp4") + ": start time 1.49 s", 0), 0u) << what;
    EXPECT_NE(what.find("1.500 s"), std::string::npos) << what;
  }
}

TEST_F(VideoReaderTest, ListsEveryVideoStreamAndPicksTheTwoToOneOne) {
  SyntheticVideoOptions flat = rotated_;
  flat.width = 160;
  flat.height = 120;
  flat.rotation_deg = 0;
  WriteSyntheticVideo(Path("flat.mp4"), flat);
  const std::string two = Path("two.mp4");
  testkit::RunFfmpeg(
      {"-i", Path("flat.mp4"), "-i", Path("h264.mp4"), "-map", "0", "-map", "1", "-c", "copy", two});
  const VideoInfo info = ProbeVideo(two);
  ASSERT_EQ(info.video_streams.size(), 2u);
  EXPECT_EQ(info.video_streams[0].index, 0);
  EXPECT_EQ(info.video_streams[0].width, 160);
  EXPECT_EQ(info.video_streams[1].index, 1);
  EXPECT_EQ(info.video_streams[1].width, 256);
  EXPECT_EQ(info.stream, 1);
  EXPECT_EQ(info.width, 256);
  EXPECT_EQ(info.frame_count, 45);
  EXPECT_EQ(DecodeAll(two).size(), 45u);
  VideoReaderOptions options;
  options.stream = 0;
  VideoReader reader(two, options);
  EXPECT_EQ(reader.info().width, 160);
  VideoFrame f;
  ASSERT_TRUE(reader.Next(f));
  EXPECT_EQ(f.ToImage(1).width(), 160);
  options.stream = 2;
  EXPECT_THROW(VideoReader(two, options), Error);
}

TEST_F(VideoReaderTest, MissingFileThrowsFileError) {
  const std::string path = Path("missing.mp4");
  try {
    ProbeVideo(path);
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  EXPECT_THROW(VideoReader(path, {}), Error);
}

TEST_F(VideoReaderTest, TextFileIsNotAVideo) {
  const std::string path = Path("notes.mp4");
  std::ofstream(path) << "these are notes, not a video\n";
  try {
    ProbeVideo(path);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.rfind(path + ": ", 0), 0u) << what;
    EXPECT_NE(what.find("not a video"), std::string::npos) << what;
  }
}

// Copies the first `keep` bytes of `from` to `to`, optionally overwriting [hole, hole + hole_size)
// with garbage.
void WriteDamagedCopy(const std::string& from, const std::string& to, std::size_t keep, std::size_t hole = 0,
                      std::size_t hole_size = 0) {
  std::ifstream in(from, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  bytes.resize(std::min(keep, bytes.size()));
  for (std::size_t i = hole; i < hole + hole_size && i < bytes.size(); ++i) {
    bytes[i] = static_cast<char>((i * 2654435761u) >> 13);
  }
  std::ofstream(to, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Decodes until the error; returns the frames before it and the message.
std::string DecodeUntilError(const std::string& path, std::vector<VideoFrame>& frames) {
  VideoReader reader(path, {});
  VideoFrame f;
  try {
    while (reader.Next(f)) frames.push_back(std::move(f));
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST_F(VideoReaderTest, TruncatedStreamThrowsWithTimestamp) {
  const std::string path = Path("truncated.mkv");
  const std::size_t size = std::filesystem::file_size(Path("h264.mkv"));
  WriteDamagedCopy(Path("h264.mkv"), path, size / 2);
  std::vector<VideoFrame> frames;
  const std::string what = DecodeUntilError(path, frames);
  ASSERT_FALSE(what.empty()) << "no error; frames decoded: " << frames.size();
  std::cout << "  error after " << frames.size() << " frames: " << what << "\n";
  EXPECT_EQ(what.rfind(path + ": corrupt or truncated stream at ", 0), 0u) << what;
  ASSERT_GT(frames.size(), 5u);
  EXPECT_LT(frames.size(), 60u);
  // The frames before the damage are intact.
  EXPECT_GT(Psnr(RenderSyntheticFrame(mkv_, 3), frames[3].ToImage(1), 0), 32.0);
}

TEST_F(VideoReaderTest, TruncatedMp4WithMoovFirstThrows) {
  const std::string path = Path("truncated.mp4");
  WriteDamagedCopy(Path("h264.mp4"), path, std::filesystem::file_size(Path("h264.mp4")) / 2);
  std::vector<VideoFrame> frames;
  const std::string what = DecodeUntilError(path, frames);
  ASSERT_FALSE(what.empty()) << "no error; frames decoded: " << frames.size();
  std::cout << "  error after " << frames.size() << " frames: " << what << "\n";
  EXPECT_NE(what.find("corrupt or truncated stream at "), std::string::npos) << what;
  EXPECT_GT(frames.size(), 3u);
}

TEST_F(VideoReaderTest, TruncatedFaststartMp4ReturnsEveryFrameBeforeTheCut) {
  const std::string path = Path("cut60.mp4");
  const std::size_t cut = std::filesystem::file_size(Path("h264.mp4")) * 6 / 10;
  WriteDamagedCopy(Path("h264.mp4"), path, cut);
  const std::vector<VideoFrame> whole = DecodeAll(Path("h264.mp4"));
  // Many frame threads keep many frames inside the decoder when the cut is found.
  VideoReaderOptions options;
  options.threads = 8;
  VideoReader reader(path, options);
  std::vector<VideoFrame> frames;
  VideoFrame f;
  std::string what;
  try {
    while (reader.Next(f)) frames.push_back(std::move(f));
  } catch (const Error& e) {
    what = e.what();
  }
  EXPECT_EQ(what.rfind(path + ": corrupt or truncated stream at ", 0), 0u) << what;
  std::cout << "  " << frames.size() << " frames before: " << what << "\n";
  // Every frame whose packet (and those it refers to) lies before the cut.
  const std::vector<std::int64_t> expected =
      testkit::FramesBeforeCut(Path("h264.mp4"), static_cast<std::int64_t>(cut));
  ASSERT_GT(expected.size(), 15u);
  ASSERT_LT(expected.size(), 45u);
  ASSERT_EQ(frames.size(), expected.size());
  for (std::size_t i = 0; i < frames.size(); ++i) {
    ASSERT_EQ(frames[i].index(), expected[i]);
    EXPECT_TRUE(
        testkit::SamePixels(frames[i].ToImage(1), whole[static_cast<std::size_t>(expected[i])].ToImage(1)))
        << "frame " << i;
  }
}

TEST_F(VideoReaderTest, Mp4CutBeforeItsIndexIsReportedAsIncomplete) {
  // hevc10.mp4 has its index (moov) at the end, as cameras write it.
  const std::string path = Path("noindex.mp4");
  WriteDamagedCopy(Path("hevc10.mp4"), path, std::filesystem::file_size(Path("hevc10.mp4")) * 6 / 10);
  EXPECT_TRUE(IsMp4WithoutIndex(path));
  EXPECT_FALSE(IsMp4WithoutIndex(Path("hevc10.mp4")));
  EXPECT_FALSE(IsMp4WithoutIndex(Path("h264.mkv")));
  try {
    ProbeVideo(path);
    FAIL() << "no exception";
  } catch (const NotVideoError& e) {
    FAIL() << "said not a video: " << e.what();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), path +
                                         ": incomplete video: no index (moov atom) found, the file was "
                                         "probably cut short; it cannot be read");
  }
  EXPECT_THROW(VideoReader(path, {}), Error);
}

TEST_F(VideoReaderTest, CorruptBytesThrowWithTimestamp) {
  const std::string path = Path("corrupt.mkv");
  const std::size_t size = std::filesystem::file_size(Path("h264.mkv"));
  WriteDamagedCopy(Path("h264.mkv"), path, size, size / 2, 2000);
  std::vector<VideoFrame> frames;
  const std::string what = DecodeUntilError(path, frames);
  ASSERT_FALSE(what.empty()) << "no error; frames decoded: " << frames.size();
  std::cout << "  error after " << frames.size() << " frames: " << what << "\n";
  EXPECT_EQ(what.rfind(path + ": corrupt or truncated stream at ", 0), 0u) << what;
  EXPECT_NE(what.find(" s: "), std::string::npos) << what;
  EXPECT_GT(frames.size(), 5u);
  EXPECT_GT(Psnr(RenderSyntheticFrame(mkv_, 2), frames[2].ToImage(1), 0), 32.0);
}

}  // namespace
}  // namespace prep360
