#pragma once
// The "runtime" group of the job document: threads, memory bound, progress display and the
// shard. These never change an output byte (the shards of a job together write the bytes of one
// run), so the dataset's job.json does not record them.
#include <string>

#include "prep360/pipeline/progress.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct RuntimeSettings {
  int threads = 0;           // 0 = all hardware threads
  int frames_in_flight = 0;  // 0 = threads + 1; bounds peak memory
  ProgressMode progress = ProgressMode::kAuto;
  std::string shard;  // "K/N": this process's part of the job (scale/shard.h); "" = all of it

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"threads", "Worker threads; 0 = all cores"}.Range(0, 1024), s.threads);
    visit(Field{"frames_in_flight", "Frames in the pipeline at once (bounds memory); 0 = threads + 1"}.Range(0, 1024),
          s.frames_in_flight);
    visit(Field{"progress", "Progress display on stderr"}, s.progress);
    visit(Field{"shard",
                "This process's part of the job, K/N (1 <= K <= N): N processes write one dataset, then "
                "`prep360 merge` joins their reports; \"\" = the whole job"},
          s.shard);
  }
};

}  // namespace prep360
