#pragma once
// One job's events (state changes, progress with ETA, warnings, stage timing, the end state),
// kept in order for the job's lifetime so a late subscriber replays them from the start, and
// written as Server-Sent Events.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "prep360/job/settings_json.h"

namespace prep360::serve {

struct JobEvent {
  std::int64_t id = 0;  // 0, 1, 2, ... within the job
  std::string type;     // "state", "start", "progress", "warning", "timing", "end"
  Json data;
};

// "id: N\nevent: TYPE\ndata: {json}\n\n".
std::string SseText(const JobEvent& event);

class EventLog {
 public:
  void Append(const std::string& type, Json data);
  // After the "end" event: no more events; waiting subscribers return.
  void Close();
  // Reopens a closed log (a resumed job continues its stream).
  void Reopen();

  // The events from index `next` on; waits up to `wait` when there are none and the log is open.
  // `closed` tells whether the log was closed when the call returned (with every event given).
  std::vector<JobEvent> Since(std::size_t next, std::chrono::milliseconds wait, bool& closed) const;
  std::size_t size() const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<JobEvent> events_;
  bool closed_ = false;
};

}  // namespace prep360::serve
