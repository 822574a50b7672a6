#include "prep360/serve/progress_events.h"

namespace prep360::serve {

ProgressEvents::ProgressEvents(EventLog& log, std::function<void(std::int64_t, std::int64_t)> on_count)
    : log_(log), on_count_(std::move(on_count)) {}

void ProgressEvents::OnStart(const std::string& label, std::int64_t total) {
  start_ = std::chrono::steady_clock::now();
  total_ = total;
  log_.Append("start", {{"label", label}, {"total", total}});
  on_count_(0, total);
}

void ProgressEvents::OnProgress(std::int64_t done) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  Json eta = nullptr;  // unknown until something is done, or without a total
  if (done > 0 && total_ > 0) eta = elapsed / static_cast<double>(done) * static_cast<double>(std::max<std::int64_t>(0, total_ - done));
  log_.Append("progress", {{"done", done}, {"total", total_}, {"elapsed_s", elapsed}, {"eta_s", eta}});
  on_count_(done, total_);
}

void ProgressEvents::OnWarning(const std::string& line) { log_.Append("warning", {{"line", line}}); }

void ProgressEvents::OnFinish(const StageTimes& times) {
  Json stages = Json::object();
  for (std::size_t s = 0; s < static_cast<std::size_t>(Stage::kCount); ++s) {
    const Stage stage = static_cast<Stage>(s);
    if (times.Items(stage) == 0) continue;
    stages[std::string(StageName(stage))] = {{"seconds", times.Seconds(stage)}, {"items", times.Items(stage)}};
  }
  log_.Append("timing", {{"stages", stages}});
}

}  // namespace prep360::serve
