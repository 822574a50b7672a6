#include "prep360/util/phase_seconds.h"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

namespace prep360 {
namespace {

// Spins until this thread has used at least `seconds` of CPU.
void BurnCpu(double seconds) {
  const double until = ThreadCpuSeconds() + seconds;
  volatile double sink = 0;
  while (ThreadCpuSeconds() < until) sink = sink + 1;
}

TEST(PhaseSecondsTest, AddsGivenAmountsFromManyThreads) {
  PhaseSeconds phase;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&phase] {
      for (int i = 0; i < 1000; ++i) phase.Add(0.5, 0.25);
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_DOUBLE_EQ(phase.busy(), 2000.0);
  EXPECT_DOUBLE_EQ(phase.cpu(), 1000.0);
}

TEST(PhaseSecondsTest, SleepingCostsWallTimeButNoCpu) {
  PhaseSeconds phase;
  const PhaseSpan span = PhaseSpan::Start();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  phase.Add(span);
  EXPECT_GE(phase.busy(), 0.05);
  EXPECT_LT(phase.cpu(), 0.04);  // the thread was asleep, not working
}

TEST(PhaseSecondsTest, WorkingCostsCpuOnBothClocks) {
  PhaseSeconds phase;
  const PhaseSpan span = PhaseSpan::Start();
  BurnCpu(0.03);
  phase.Add(span);
  EXPECT_GE(phase.cpu(), 0.03);
  EXPECT_GE(phase.busy(), phase.cpu() - 1e-3);  // CPU time never exceeds the wall time it took
  EXPECT_GE(ProcessCpuSeconds(), phase.cpu());
}

}  // namespace
}  // namespace prep360
