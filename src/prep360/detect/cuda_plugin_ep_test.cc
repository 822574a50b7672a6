// The CUDA provider as a plugin library, and the session fallback where no CUDA can start.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "prep360/detect/cuda_plugin_ep.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/gpu/cuda_device.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {

TEST(CudaPluginEpTest, WithoutADriverNoCudaStartsAndSessionsFallBackToTheCpu) {
  const CudaStatus& cuda = ProbeCuda();
  if (cuda.driver_version > 0) GTEST_SKIP() << "an NVIDIA driver is here: CUDA may start";
  std::string why;
  EXPECT_FALSE(CudaPluginAvailable(&why));
  EXPECT_FALSE(why.empty());
  const std::string model = prep360::testkit::TestModelPath("seg_fixed.onnx");
  std::vector<std::string> warnings;
  const auto warn = [&](const std::string& line) { warnings.push_back(line); };
  EXPECT_EQ(CreateOnnxSession(model, "cuda", 1, warn).provider, "CPUExecutionProvider");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind("device cuda: ", 0), 0u) << warnings[0];
  EXPECT_NE(warnings[0].find("; running on the CPU"), std::string::npos) << warnings[0];
  EXPECT_EQ(CreateOnnxSession(model, "auto", 1, warn).provider, "CPUExecutionProvider");
  EXPECT_EQ(warnings.size(), 1u);  // auto falls back silently
}

TEST(CudaPluginEpTest, AnswerIsStable) {
  std::string first, second;
  const bool a = CudaPluginAvailable(&first);
  const bool b = CudaPluginAvailable(&second);
  EXPECT_EQ(a, b);
  EXPECT_EQ(first, second);
  EXPECT_EQ(a, first.empty());
}

}  // namespace
}  // namespace prep360
