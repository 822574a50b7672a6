#pragma once
// The command line's observer: a progress bar (or plain lines) on stderr, and warnings as
// "prep360: ..." lines. A warning clears the bar's line first only when a bar is being drawn on a
// terminal, so logs and pipes never get control characters.
#include <memory>

#include "prep360/pipeline/job_observer.h"
#include "prep360/pipeline/progress.h"

namespace prep360 {

class TerminalObserver final : public JobObserver {
 public:
  explicit TerminalObserver(ProgressMode mode) : mode_(mode) {}

  void OnStart(const std::string& label, std::int64_t total) override;
  void OnProgress(std::int64_t done) override;
  void OnWarning(const std::string& line) override;
  void OnFinish(const StageTimes& times) override;

  // Whether warnings must clear a bar line first (a bar on a terminal).
  static bool DrawsBar(ProgressMode mode);

 private:
  ProgressMode mode_;
  std::unique_ptr<Progress> progress_;
};

}  // namespace prep360
