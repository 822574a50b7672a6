// The reprojection's device choice (detect.device) and its fallback where no CUDA device is.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "prep360/gpu/cuda_device.h"
#include "prep360/gpu/remap_device.h"

namespace prep360 {
namespace {

struct Warnings {
  std::vector<std::string> lines;
  std::function<void(const std::string&)> sink() {
    return [this](const std::string& line) { lines.push_back(line); };
  }
};

TEST(RemapDeviceTest, CpuNeverUsesTheGpu) {
  Warnings w;
  EXPECT_EQ(RemapperForDevice(Device::kCpu, w.sink()), nullptr);
  EXPECT_TRUE(w.lines.empty());
}

TEST(RemapDeviceTest, WithoutADeviceCudaFallsBackWithOneWarningAndAutoSilently) {
  const CudaStatus& cuda = ProbeCuda();
  if (cuda.usable()) GTEST_SKIP() << "a CUDA device is here (" << cuda.device_name << "): no fallback to test";
  Warnings w;
  EXPECT_EQ(RemapperForDevice(Device::kCuda, w.sink()), nullptr);
  ASSERT_EQ(w.lines.size(), 1u);
  EXPECT_EQ(w.lines[0], "device cuda: " + cuda.problem + "; reprojecting on the CPU");
  EXPECT_EQ(RemapperForDevice(Device::kTensorRt, w.sink()), nullptr);
  ASSERT_EQ(w.lines.size(), 2u);
  EXPECT_EQ(w.lines[1].rfind("device tensorrt: ", 0), 0u) << w.lines[1];
  EXPECT_EQ(RemapperForDevice(Device::kAuto, w.sink()), nullptr);
  EXPECT_EQ(w.lines.size(), 2u);
}

TEST(RemapDeviceTest, WithADeviceAutoAndCudaUseIt) {
  const CudaStatus& cuda = ProbeCuda();
  if (!cuda.usable()) GTEST_SKIP() << "no CUDA device: " << cuda.problem;
  Warnings w;
  EXPECT_NE(RemapperForDevice(Device::kAuto, w.sink()), nullptr);
  EXPECT_NE(RemapperForDevice(Device::kCuda, w.sink()), nullptr);
  EXPECT_TRUE(w.lines.empty());
}

TEST(CudaDeviceTest, StatusIsConsistent) {
  const CudaStatus& cuda = ProbeCuda();
  EXPECT_EQ(&cuda, &ProbeCuda());  // probed once
  if (!cuda.kernels_built) {
    EXPECT_EQ(cuda.problem, "this build has no CUDA kernels (nvcc was not found, or PREP360_CUDA=OFF)");
    EXPECT_EQ(cuda.runtime_version, 0);
  } else {
    EXPECT_GE(cuda.runtime_version, 11000);
  }
  if (cuda.usable()) {
    EXPECT_GT(cuda.device_count, 0);
    EXPECT_FALSE(cuda.device_name.empty());
    EXPECT_GT(cuda.driver_version, 0);
  } else {
    EXPECT_EQ(cuda.device_count, 0);
    EXPECT_TRUE(cuda.device_name.empty());
  }
}

TEST(CudaDeviceTest, VersionText) {
  EXPECT_EQ(CudaVersionText(13000), "13.0");
  EXPECT_EQ(CudaVersionText(12090), "12.9");
  EXPECT_EQ(CudaVersionText(0), "none");
}

}  // namespace
}  // namespace prep360
