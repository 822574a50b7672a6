#include "prep360/util/phase_seconds.h"

#include <ctime>

namespace prep360 {
namespace {

double ClockSeconds(clockid_t clock) {
  timespec ts{};
  if (clock_gettime(clock, &ts) != 0) return 0;
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void AtomicAdd(std::atomic<double>& total, double value) {
  double old = total.load(std::memory_order_relaxed);
  while (!total.compare_exchange_weak(old, old + value, std::memory_order_relaxed)) {
  }
}

}  // namespace

double ThreadCpuSeconds() { return ClockSeconds(CLOCK_THREAD_CPUTIME_ID); }
double ProcessCpuSeconds() { return ClockSeconds(CLOCK_PROCESS_CPUTIME_ID); }

void PhaseSeconds::Add(const PhaseSpan& since) {
  const double busy = std::chrono::duration<double>(std::chrono::steady_clock::now() - since.wall).count();
  Add(busy, ThreadCpuSeconds() - since.cpu);
}

void PhaseSeconds::Add(double busy_s, double cpu_s) {
  AtomicAdd(busy_, busy_s);
  AtomicAdd(cpu_, cpu_s);
}

}  // namespace prep360
