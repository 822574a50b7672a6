#pragma once
// What a running job tells its front end: progress, warnings and, at the end, its stage timing.
// Calls come from one thread at a time (the pipeline's serial stages), never concurrently.
// The terminal progress bar is one observer (TerminalObserver); a service is another.
#include <cstdint>
#include <string>

#include "prep360/pipeline/stage_timer.h"

namespace prep360 {

class JobObserver {
 public:
  virtual ~JobObserver() = default;
  // Once, before the first frame: what is counted ("split", "mask", ...) and how many items are
  // expected (0 = unknown).
  virtual void OnStart(const std::string& label, std::int64_t total) { (void)label, (void)total; }
  // `done` items of `total` finished (absolute count).
  virtual void OnProgress(std::int64_t done) { (void)done; }
  // One line, e.g. "FILE: problem" for a skipped input.
  virtual void OnWarning(const std::string& line) { (void)line; }
  // Once, after the last item: busy time per stage.
  virtual void OnFinish(const StageTimes& times) { (void)times; }
};

}  // namespace prep360
