#pragma once
// Time spent in one phase of a job, summed over the threads that run it, on two clocks: busy wall
// seconds (steady clock, includes waiting for a core on a loaded machine) and the thread's own CPU
// seconds (CLOCK_THREAD_CPUTIME_ID: the work itself). Thread-safe: many threads Add at once.
#include <atomic>
#include <chrono>

namespace prep360 {

// CPU seconds used so far by the calling thread / by the whole process (all threads).
double ThreadCpuSeconds();
double ProcessCpuSeconds();

// The start of one stretch of work on one thread.
struct PhaseSpan {
  std::chrono::steady_clock::time_point wall;
  double cpu = 0;
  static PhaseSpan Start() { return {std::chrono::steady_clock::now(), ThreadCpuSeconds()}; }
};

class PhaseSeconds {
 public:
  // Adds the time from `since` (taken on this thread) to now, on both clocks.
  void Add(const PhaseSpan& since);
  // Adds measured amounts.
  void Add(double busy_s, double cpu_s);
  double busy() const { return busy_.load(); }
  double cpu() const { return cpu_.load(); }

 private:
  std::atomic<double> busy_{0}, cpu_{0};
};

}  // namespace prep360
