#include "prep360/serve/event_log.h"

namespace prep360::serve {

std::string SseText(const JobEvent& event) {
  return "id: " + std::to_string(event.id) + "\nevent: " + event.type + "\ndata: " + event.data.dump() + "\n\n";
}

void EventLog::Append(const std::string& type, Json data) {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(JobEvent{static_cast<std::int64_t>(events_.size()), type, std::move(data)});
  }
  changed_.notify_all();
}

void EventLog::Close() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

void EventLog::Reopen() {
  const std::lock_guard<std::mutex> lock(mutex_);
  closed_ = false;
}

std::vector<JobEvent> EventLog::Since(std::size_t next, std::chrono::milliseconds wait, bool& closed) const {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait_for(lock, wait, [&] { return closed_ || events_.size() > next; });
  closed = closed_;
  if (next >= events_.size()) return {};
  return std::vector<JobEvent>(events_.begin() + static_cast<std::ptrdiff_t>(next), events_.end());
}

std::size_t EventLog::size() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return events_.size();
}

}  // namespace prep360::serve
