#pragma once
// One service job as it is listed and stored: its state, the document it runs, and what it did.
#include <cstdint>
#include <string>

#include "prep360/job/settings_json.h"
#include "prep360/util/enum_names.h"

namespace prep360::serve {

enum class JobState { kQueued, kRunning, kDone, kFailed, kCancelled };
inline constexpr EnumName<JobState> kJobStateNames[] = {{"queued", JobState::kQueued, "waiting for a worker"},
                                                        {"running", JobState::kRunning, "a worker runs it"},
                                                        {"done", JobState::kDone, "finished; every input done"},
                                                        {"failed", JobState::kFailed, "stopped by an error, or inputs failed"},
                                                        {"cancelled", JobState::kCancelled, "cancelled (DELETE)"}};
}  // namespace prep360::serve

namespace prep360 {
template <>
struct EnumNames<serve::JobState> {
  static constexpr std::span<const EnumName<serve::JobState>> table{serve::kJobStateNames};
};
}  // namespace prep360

namespace prep360::serve {

inline bool IsFinished(JobState s) { return s != JobState::kQueued && s != JobState::kRunning; }

struct JobRecord {
  std::string id;
  std::int64_t seq = 0;  // submission order
  JobState state = JobState::kQueued;
  std::string document;  // the checked job document (JobToText), paths resolved
  std::string command;
  std::string output;    // the output folder
  Json result;           // JobOutcomeJson once the job ran (null before)
  std::string error;     // why it failed: one line ("interrupted" after a crash)
  double created = 0, started = 0, finished = 0;  // Unix seconds; 0 = not yet
  std::int64_t done = 0, total = 0;               // progress while it runs (not stored)
};

// The record as the API shows it: id, state, command, output, progress {done, total}, counts,
// timing, errors [{"file", "reason"}], error, created/started/finished.
Json JobRecordJson(const JobRecord& record);

double UnixNow();

}  // namespace prep360::serve
