#pragma once
// Test support: a JobObserver that records every call in order, with an optional hook on each
// progress report (e.g. to cancel the job or hold it until another job has started).
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "prep360/pipeline/job_observer.h"

namespace prep360::testkit {

class RecordingObserver : public JobObserver {
 public:
  struct Event {
    enum Kind { kStart, kProgress, kWarning, kFinish } kind;
    std::string text;        // start: the label; warning: the line
    std::int64_t value = 0;  // start: the total; progress: done
  };

  void OnStart(const std::string& label, std::int64_t total) override {
    events.push_back({Event::kStart, label, total});
  }
  void OnProgress(std::int64_t done) override {
    events.push_back({Event::kProgress, "", done});
    if (on_progress) on_progress(done);
  }
  void OnWarning(const std::string& line) override { events.push_back({Event::kWarning, line, 0}); }
  void OnFinish(const StageTimes& times) override {
    events.push_back({Event::kFinish, "", 0});
    for (std::size_t s = 0; s < finish_items.size(); ++s)
      finish_items[s] = times.Items(static_cast<Stage>(s));
  }

  std::vector<const Event*> Of(Event::Kind kind) const {
    std::vector<const Event*> found;
    for (const Event& e : events) {
      if (e.kind == kind) found.push_back(&e);
    }
    return found;
  }
  std::vector<std::string> Warnings() const {
    std::vector<std::string> lines;
    for (const Event* e : Of(Event::kWarning)) lines.push_back(e->text);
    return lines;
  }
  std::int64_t Items(Stage stage) const { return finish_items[static_cast<std::size_t>(stage)]; }

  std::vector<Event> events;
  std::function<void(std::int64_t done)> on_progress;
  std::array<std::int64_t, static_cast<std::size_t>(Stage::kCount)> finish_items{};
};

}  // namespace prep360::testkit
