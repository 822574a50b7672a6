#pragma once
// The service's JobObserver: turns a running job's calls into its event log (start, progress
// with elapsed time and ETA, warnings, stage timing) and keeps the latest count for the job list.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "prep360/pipeline/job_observer.h"
#include "prep360/serve/event_log.h"

namespace prep360::serve {

class ProgressEvents : public JobObserver {
 public:
  // `on_count(done, total)` is called on start and every progress report.
  ProgressEvents(EventLog& log, std::function<void(std::int64_t, std::int64_t)> on_count);

  void OnStart(const std::string& label, std::int64_t total) override;
  void OnProgress(std::int64_t done) override;
  void OnWarning(const std::string& line) override;
  void OnFinish(const StageTimes& times) override;

 private:
  EventLog& log_;
  std::function<void(std::int64_t, std::int64_t)> on_count_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::int64_t total_ = 0;
};

}  // namespace prep360::serve
