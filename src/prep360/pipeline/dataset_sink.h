#pragma once
// The split pipeline's last stage: takes finished frames in source order, tallies what was
// written, records failures (one warning each; one for a full disk, which also stops the job),
// reports progress to the observer, and at the end writes OUT/report.json.
#include <atomic>
#include <cstdint>

#include "prep360/pipeline/frame_task.h"
#include "prep360/pipeline/job_observer.h"
#include "prep360/pipeline/split_job.h"

namespace prep360 {

class DatasetSink {
 public:
  DatasetSink(std::size_t views_per_frame, JobObserver& observer)
      : views_per_frame_(views_per_frame), observer_(observer) {}

  // Serial, in source order.
  void Finish(const FrameTask& task);
  // A source that broke (damaged video): one failure naming the input.
  void SourceFailed(const std::string& input, const std::string& message);
  // True once the disk filled up: the source admits no more frames.
  bool stopped() const { return stopped_.load(std::memory_order_relaxed); }

  std::int64_t frames_seen() const { return frames_seen_; }
  SplitCounts& counts() { return counts_; }
  std::vector<FrameRecord>& frames() { return frames_; }

 private:
  std::size_t views_per_frame_;
  JobObserver& observer_;
  SplitCounts counts_;
  std::vector<FrameRecord> frames_;
  std::int64_t frames_seen_ = 0;
  std::atomic<bool> stopped_{false};
};

}  // namespace prep360
