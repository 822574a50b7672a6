// RunBound (I/O binding) against Session::Run on the CPU provider: the same outputs, bit for bit.
#include <gtest/gtest.h>

#include <numeric>

#include "prep360/detect/onnx_bound_run.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {

std::vector<float> Floats(const Ort::Value& v) {
  const std::size_t n = v.GetTensorTypeAndShapeInfo().GetElementCount();
  const float* p = v.GetTensorData<float>();
  return {p, p + n};
}

TEST(OnnxBoundRunTest, SameOutputsAsSessionRun) {
  const std::string model = prep360::testkit::TestModelPath("seg_dynamic.onnx");
  OnnxSession s = CreateOnnxSession(model, "cpu", 1, nullptr);
  ASSERT_EQ(s.provider, "CPUExecutionProvider");
  // Two images of 64x96 with a ramp of values, so every output depends on the input.
  const std::int64_t shape[4] = {2, 3, 64, 96};
  std::vector<float> data(2 * 3 * 64 * 96);
  for (std::size_t i = 0; i < data.size(); ++i) data[i] = static_cast<float>(i % 251) / 251.0f;
  const Ort::MemoryInfo cpu = Ort::MemoryInfo::CreateCpu(OrtArenaAllocator, OrtMemTypeDefault);
  Ort::Value input = Ort::Value::CreateTensor<float>(cpu, data.data(), data.size(), shape, 4);
  Ort::AllocatorWithDefaultOptions allocator;
  const std::string in_name = s.session->GetInputNameAllocated(0, allocator).get();
  std::vector<std::string> names;
  for (std::size_t i = 0; i < s.session->GetOutputCount(); ++i) {
    names.push_back(s.session->GetOutputNameAllocated(i, allocator).get());
  }
  std::vector<const char*> out_names;
  for (const std::string& n : names) out_names.push_back(n.c_str());
  const char* in_names[] = {in_name.c_str()};
  std::vector<Ort::Value> plain =
      s.session->Run(Ort::RunOptions{nullptr}, in_names, &input, 1, out_names.data(), out_names.size());
  std::vector<Ort::Value> bound = RunBound(*s.session, in_name.c_str(), input, out_names);
  ASSERT_EQ(bound.size(), plain.size());
  ASSERT_GE(bound.size(), 1u);
  for (std::size_t i = 0; i < bound.size(); ++i) {
    EXPECT_EQ(bound[i].GetTensorTypeAndShapeInfo().GetShape(), plain[i].GetTensorTypeAndShapeInfo().GetShape());
    EXPECT_EQ(Floats(bound[i]), Floats(plain[i])) << names[i];
  }
  // The outputs differ from a zero input's, so the comparison above compares something.
  const std::vector<float> first = Floats(bound[0]);
  EXPECT_NE(std::accumulate(first.begin(), first.end(), 0.0), 0.0);
}

}  // namespace
}  // namespace prep360
