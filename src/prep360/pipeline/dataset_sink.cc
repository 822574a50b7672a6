#include "prep360/pipeline/dataset_sink.h"

namespace prep360 {

void DatasetSink::Finish(const FrameTask& task) {
  const SourceFrame& src = task.src;
  counts_.views_skipped_existing += static_cast<std::int64_t>(views_per_frame_ - task.views_to_write.size());
  counts_.views_written += static_cast<std::int64_t>(task.views_written);
  counts_.equirect_written += task.equirect_written ? 1 : 0;
  counts_.masks_written += static_cast<std::int64_t>(task.masks_written);
  counts_.sfm_masks_written += static_cast<std::int64_t>(task.sfm_masks_written);
  FrameRecord record{src.frame_name, src.Label(), false, src.decision};
  if (task.disk_full) {
    // One line for a full disk, not one per frame still in flight.
    if (!counts_.disk_full) {
      counts_.disk_full = true;
      stopped_.store(true, std::memory_order_relaxed);
      counts_.failures.push_back({src.Label(), "disk full, stopped: " + task.error});
      observer_.OnWarning("disk full, stopping after the frames in progress: " + task.error);
    }
  } else if (!task.error.empty()) {
    counts_.failures.push_back({src.Label(), task.error});
    observer_.OnWarning("skipped " + task.error);
  } else if (task.NothingToDo()) {
    ++counts_.frames_already_done;
    ++counts_.frames_done;
    record.ok = true;
  } else if (task.views_written == task.views_to_write.size() && task.equirect_written == task.write_equirect) {
    ++counts_.frames_done;
    record.ok = true;
  }
  frames_.push_back(std::move(record));
  observer_.OnProgress(++frames_seen_);
}

void DatasetSink::SourceFailed(const std::string& input, const std::string& message) {
  counts_.failures.push_back({input, message});
  observer_.OnWarning(message);
}

}  // namespace prep360
