#pragma once
// The "runtime" group of the job document: threads, memory bound and progress display. These
// never change an output byte.
#include "prep360/pipeline/progress.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct RuntimeSettings {
  int threads = 0;           // 0 = all hardware threads
  int frames_in_flight = 0;  // 0 = threads + 1; bounds peak memory
  ProgressMode progress = ProgressMode::kAuto;

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"threads", "Worker threads; 0 = all cores"}.Range(0, 1024), s.threads);
    visit(Field{"frames_in_flight", "Frames in the pipeline at once (bounds memory); 0 = threads + 1"}.Range(0, 1024),
          s.frames_in_flight);
    visit(Field{"progress", "Progress display on stderr"}, s.progress);
  }
};

}  // namespace prep360
