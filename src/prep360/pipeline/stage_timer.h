#pragma once
// Per-stage timing for the run's breakdown. Stages run on many threads at once, so each stage
// accumulates busy thread-seconds and an item count; the report divides by items for "ms per item".
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string_view>

namespace prep360 {

// select: sharpness and motion scores of video frames; mask: detection, sphere merge, dilation
// and polarity; mask_write: encoding and writing mask files.
enum class Stage { kRead, kDecode, kSelect, kReproject, kMask, kEncode, kMetadata, kWrite, kMaskWrite, kFaces, kCount };
std::string_view StageName(Stage stage);

class StageTimes {
 public:
  void Add(Stage stage, std::chrono::nanoseconds busy, std::int64_t items = 1) {
    auto& s = slots_[static_cast<std::size_t>(stage)];
    s.nanos.fetch_add(busy.count(), std::memory_order_relaxed);
    s.items.fetch_add(items, std::memory_order_relaxed);
  }
  double Seconds(Stage stage) const {
    return static_cast<double>(slots_[static_cast<std::size_t>(stage)].nanos.load()) * 1e-9;
  }
  std::int64_t Items(Stage stage) const { return slots_[static_cast<std::size_t>(stage)].items.load(); }

 private:
  struct Slot {
    std::atomic<std::int64_t> nanos{0};
    std::atomic<std::int64_t> items{0};
  };
  std::array<Slot, static_cast<std::size_t>(Stage::kCount)> slots_;
};

// Adds the scope's duration to one stage when it ends.
class ScopedStageTimer {
 public:
  ScopedStageTimer(StageTimes& times, Stage stage)
      : times_(times), stage_(stage), start_(std::chrono::steady_clock::now()) {}
  ~ScopedStageTimer() { times_.Add(stage_, std::chrono::steady_clock::now() - start_); }
  ScopedStageTimer(const ScopedStageTimer&) = delete;
  ScopedStageTimer& operator=(const ScopedStageTimer&) = delete;

 private:
  StageTimes& times_;
  Stage stage_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace prep360
