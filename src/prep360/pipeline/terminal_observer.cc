#include "prep360/pipeline/terminal_observer.h"

#include <unistd.h>

#include <cstdio>

namespace prep360 {

bool TerminalObserver::DrawsBar(ProgressMode mode) {
  return mode == ProgressMode::kBar || (mode == ProgressMode::kAuto && isatty(STDERR_FILENO));
}

void TerminalObserver::OnStart(const std::string& label, std::int64_t total) {
  progress_ = std::make_unique<Progress>(label, total, mode_);
}

void TerminalObserver::OnProgress(std::int64_t done) {
  if (progress_) progress_->Update(done);
}

void TerminalObserver::OnWarning(const std::string& line) {
  std::fprintf(stderr, "%sprep360: %s\n", DrawsBar(mode_) ? "\r\x1b[K" : "", line.c_str());
}

void TerminalObserver::OnFinish(const StageTimes&) {
  if (progress_) progress_->Finish();
}

}  // namespace prep360
