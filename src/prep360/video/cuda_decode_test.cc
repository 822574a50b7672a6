// NVDEC decode (VideoReaderOptions::cuda_decode): where it cannot run, the reader decodes the
// very same frames on the CPU and says so once; where it runs (a GPU with NVDEC), the frames
// stay on the device and give the CPU decode's pixels once copied back.
#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

#include "prep360/gpu/nvdec_probe.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/video/video_reader.h"

namespace prep360 {
namespace {

using testkit::SyntheticVideoOptions;
using testkit::TempDir;

struct Decoded {
  std::vector<std::int64_t> index;
  std::vector<double> time_s;
  std::vector<Image> rgb;
  std::vector<bool> on_device;
  bool decoding_on_device = false;
};

Decoded DecodeAll(const std::string& path, bool cuda, std::vector<std::string>* warnings, double start_s = 0) {
  VideoReaderOptions options;
  options.threads = 2;
  options.start_s = start_s;
  options.cuda_decode = cuda;
  options.warn = [warnings](const std::string& line) { warnings->push_back(line); };
  VideoReader reader(path, options);
  Decoded d;
  VideoFrame f;
  while (reader.Next(f)) {
    d.index.push_back(f.index());
    d.time_s.push_back(f.time_s());
    d.on_device.push_back(f.on_device());
    d.rgb.push_back(f.ToImage(1));
  }
  d.decoding_on_device = reader.decoding_on_device();
  return d;
}

bool SameBytes(const Image& a, const Image& b) {
  if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) return false;
  const std::size_t row = static_cast<std::size_t>(a.width()) * a.bytes_per_pixel();
  for (int y = 0; y < a.height(); ++y) {
    if (std::memcmp(a.Row(y), b.Row(y), row) != 0) return false;
  }
  return true;
}

void ExpectSameFrames(const Decoded& a, const Decoded& b) {
  ASSERT_EQ(a.index, b.index);
  ASSERT_EQ(a.time_s, b.time_s);
  ASSERT_EQ(a.rgb.size(), b.rgb.size());
  for (std::size_t i = 0; i < a.rgb.size(); ++i) EXPECT_TRUE(SameBytes(a.rgb[i], b.rgb[i])) << "frame " << i;
}

class CudaDecodeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    SyntheticVideoOptions o;
    o.width = 256;
    o.height = 128;
    o.frame_count = 8;
    o.gop = 4;
    o.codec = "libx265";
    o.yaw_deg = [](int i) { return 7.0 * i; };
    testkit::WriteSyntheticVideo(Path("hevc.mp4"), o);
    o.codec = "ffv1";
    o.frame_count = 3;
    testkit::WriteSyntheticVideo(Path("ffv1.mkv"), o);
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  static std::string Path(const std::string& name) { return *dir_ / name; }
  static inline TempDir* dir_ = nullptr;
};

TEST_F(CudaDecodeTest, WithoutNvdecTheSameFramesComeFromTheCpuWithOneWarning) {
  const NvdecStatus& nvdec = ProbeNvdec();
  if (nvdec.problem.empty()) GTEST_SKIP() << "NVDEC works here: the fallback is not taken";
  for (const double start : {0.0, 0.1}) {
    std::vector<std::string> cpu_warnings, cuda_warnings;
    const Decoded cpu = DecodeAll(Path("hevc.mp4"), false, &cpu_warnings, start);
    const Decoded cuda = DecodeAll(Path("hevc.mp4"), true, &cuda_warnings, start);
    EXPECT_TRUE(cpu_warnings.empty());
    ASSERT_EQ(cuda_warnings.size(), 1u) << "start " << start;
    const std::string& w = cuda_warnings[0];
    EXPECT_EQ(w.rfind(Path("hevc.mp4") + ": NVDEC decode unavailable (", 0), 0u) << w;
    EXPECT_NE(w.find("); decoding on the CPU"), std::string::npos) << w;
    EXPECT_EQ(w.find('\n'), std::string::npos) << w;
    EXPECT_EQ(cuda.index.size(), start == 0 ? 8u : 5u);
    ExpectSameFrames(cuda, cpu);
    for (const bool d : cuda.on_device) EXPECT_FALSE(d);
    EXPECT_FALSE(cuda.decoding_on_device);
  }
}

TEST_F(CudaDecodeTest, ACodecNvdecDoesNotDecodeIsNamedInTheWarning) {
  std::vector<std::string> warnings, none;
  const Decoded cuda = DecodeAll(Path("ffv1.mkv"), true, &warnings);
  const Decoded cpu = DecodeAll(Path("ffv1.mkv"), false, &none);
  ASSERT_EQ(warnings.size(), 1u);
  const std::string why = ProbeNvdec().libav_has_cuda ? "(the ffv1 decoder has no CUDA hardware configuration)"
                                                      : "(this libav has no cuda hardware device type)";
  EXPECT_NE(warnings[0].find(why), std::string::npos) << warnings[0];
  EXPECT_TRUE(none.empty());
  ExpectSameFrames(cuda, cpu);
}

TEST_F(CudaDecodeTest, NvdecFramesStayOnTheDeviceAndMatchTheCpuDecode) {
  const NvdecStatus& nvdec = ProbeNvdec();
  if (!nvdec.problem.empty()) GTEST_SKIP() << "no NVDEC here: " << nvdec.problem;
  std::vector<std::string> warnings, none;
  const Decoded cuda = DecodeAll(Path("hevc.mp4"), true, &warnings);
  const Decoded cpu = DecodeAll(Path("hevc.mp4"), false, &none);
  EXPECT_TRUE(warnings.empty()) << warnings.front();
  EXPECT_TRUE(cuda.decoding_on_device);
  for (const bool d : cuda.on_device) EXPECT_TRUE(d);
  // HEVC decoding is exact: the device's frames, copied back, convert to the CPU's pixels.
  ExpectSameFrames(cuda, cpu);
}

}  // namespace
}  // namespace prep360
