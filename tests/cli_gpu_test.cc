// End-to-end: `split --device cuda` writes the same bytes as `--device cpu`; without a CUDA device
// it says once that it reprojects on the CPU instead. `info` reports the GPU lines.
#include <filesystem>

#include <gtest/gtest.h>

#include "prep360/gpu/cuda_device.h"
#include "prep360/gpu/nvdec_probe.h"
#include "prep360/image/image_io.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

int CountOf(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(CliGpuTest, SplitOnCudaWritesTheCpuBytes) {
  TempDir dir;
  fs::create_directory(dir.path() / "in");
  for (const char* name : {"p0.png", "p1.png"}) {
    const Image pano = testkit::RenderEquirect(512, 256, 3, 1, 2);
    WriteFileAtomic((dir.path() / "in" / name).string(), EncodeImage(pano, ImageFormat::kPng, EncodeOptions{}));
  }
  const std::vector<std::string> common = {"--rig", "ring:4", "--fov", "90", "--size", "160x120", "--format",
                                           "png", "--interp", "bicubic", "--progress", "none"};
  std::vector<std::string> cpu_args = {"split", dir / "in", "-o", dir / "cpu", "--device", "cpu"};
  std::vector<std::string> cuda_args = {"split", dir / "in", "-o", dir / "cuda", "--device", "cuda"};
  cpu_args.insert(cpu_args.end(), common.begin(), common.end());
  cuda_args.insert(cuda_args.end(), common.begin(), common.end());
  const auto cpu = RunCli(cpu_args);
  ASSERT_EQ(cpu.exit_code, 0) << cpu.err;
  EXPECT_EQ(cpu.err.find("reprojecting on the CPU"), std::string::npos) << cpu.err;
  const auto cuda = RunCli(cuda_args);
  ASSERT_EQ(cuda.exit_code, 0) << cuda.err;
  const CudaStatus& status = ProbeCuda();
  if (status.usable()) {
    EXPECT_EQ(CountOf(cuda.err, "reprojecting on the CPU"), 0) << cuda.err;
  } else {
    EXPECT_EQ(CountOf(cuda.err, "warning: device cuda: " + status.problem + "; reprojecting on the CPU"), 1)
        << cuda.err;
  }
  int views = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() / "cpu" / "images")) {
    if (!e.is_regular_file()) continue;
    const fs::path twin = dir.path() / "cuda" / fs::relative(e.path(), dir.path() / "cpu");
    ASSERT_TRUE(fs::exists(twin)) << twin;
    EXPECT_EQ(ReadFileBytes(e.path().string()), ReadFileBytes(twin.string())) << twin;
    ++views;
  }
  EXPECT_EQ(views, 8);
}

// The largest sample difference between two PNG files of the same size.
int MaxPngDiff(const fs::path& a, const fs::path& b) {
  const Image x = DecodeImage(ReadFileBytes(a.string()), a.string());
  const Image y = DecodeImage(ReadFileBytes(b.string()), b.string());
  EXPECT_EQ(x.width(), y.width());
  EXPECT_EQ(x.height(), y.height());
  int worst = 0;
  for (int r = 0; r < std::min(x.height(), y.height()); ++r) {
    for (int c = 0; c < std::min(x.width(), y.width()) * x.channels(); ++c) {
      worst = std::max(worst, std::abs(static_cast<int>(x.Row(r)[c]) - static_cast<int>(y.Row(r)[c])));
    }
  }
  return worst;
}

// run --device cuda decodes with NVDEC where it can (views within the GPU conversion's distance
// from swscale's, video/yuv_to_rgb_test.cc: at most 11 levels, on colour edges), and elsewhere decodes on the CPU, says so in one line naming the video,
// and writes the CPU's very bytes.
TEST(CliGpuTest, RunOnCudaDecodesWithNvdecOrSaysOnceItUsesTheCpu) {
  TempDir dir;
  testkit::SyntheticVideoOptions video;
  video.width = 512;
  video.height = 256;
  video.frame_count = 3;
  video.codec = "libx265";
  const std::string file = (dir.path() / "pano.mp4").string();
  testkit::WriteSyntheticVideo(file, video);
  // Bilinear: a view sample is a convex mix of frame samples, so their distance bounds the views'.
  const std::vector<std::string> common = {"--rig",    "ring:4", "--fov",    "90",  "--size",     "160x120",
                                           "--format", "png",    "--interp", "bilinear", "--progress", "none"};
  std::vector<std::string> cpu_args = {"run", file, "-o", dir / "cpu", "--device", "cpu"};
  std::vector<std::string> cuda_args = {"run", file, "-o", dir / "cuda", "--device", "cuda"};
  cpu_args.insert(cpu_args.end(), common.begin(), common.end());
  cuda_args.insert(cuda_args.end(), common.begin(), common.end());
  const auto cpu = RunCli(cpu_args);
  ASSERT_EQ(cpu.exit_code, 0) << cpu.err;
  EXPECT_EQ(cpu.err.find("NVDEC"), std::string::npos) << cpu.err;
  const auto cuda = RunCli(cuda_args);
  ASSERT_EQ(cuda.exit_code, 0) << cuda.err;
  const bool nvdec = ProbeNvdec().problem.empty() && ProbeCuda().usable();
  const bool fell_back = ProbeCuda().kernels_built && !nvdec;
  EXPECT_EQ(CountOf(cuda.err, "warning: " + file + ": NVDEC decode unavailable ("), fell_back ? 1 : 0) << cuda.err;
  EXPECT_EQ(CountOf(cuda.err, "decoding on the CPU"), fell_back ? 1 : 0) << cuda.err;
  int views = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir.path() / "cpu" / "images")) {
    if (!e.is_regular_file()) continue;
    const fs::path twin = dir.path() / "cuda" / fs::relative(e.path(), dir.path() / "cpu");
    ASSERT_TRUE(fs::exists(twin)) << twin;
    if (nvdec) {
      EXPECT_LE(MaxPngDiff(e.path(), twin), 12) << twin;
    } else {
      EXPECT_EQ(ReadFileBytes(e.path().string()), ReadFileBytes(twin.string())) << twin;
    }
    ++views;
  }
  EXPECT_EQ(views, 12);
}

TEST(CliGpuTest, InfoReportsTheGpu) {
  const auto r = RunCli({"info"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CudaStatus& status = ProbeCuda();
  EXPECT_NE(r.out.find(status.kernels_built ? "CUDA kernels               built (CUDA runtime "
                                            : "CUDA kernels               not built"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find(status.usable() ? "GPU                        " + status.device_name
                                       : "GPU                        none: " + status.problem),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("ONNX Runtime CPU           starts"), std::string::npos) << r.out;
  const NvdecStatus& nvdec = ProbeNvdec();
  EXPECT_NE(r.out.find(nvdec.problem.empty() ? "NVDEC (libav cuda)         available"
                                             : "NVDEC (libav cuda)         not available (" + nvdec.problem +
                                                   "); decode runs on the CPU"),
            std::string::npos)
      << r.out;
}

}  // namespace
}  // namespace prep360
