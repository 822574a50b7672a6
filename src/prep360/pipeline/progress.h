#pragma once
// Progress on stderr: a bar with rate and ETA when stderr is a terminal, plain lines every few
// seconds otherwise (logs, CI), nothing when quiet.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>

#include "prep360/util/enum_names.h"

namespace prep360 {

enum class ProgressMode { kAuto, kBar, kPlain, kNone };
inline constexpr EnumName<ProgressMode> kProgressModeNames[] = {
    {"auto", ProgressMode::kAuto, "a bar on a terminal, plain lines otherwise"},
    {"bar", ProgressMode::kBar, "a bar with rate and ETA"},
    {"plain", ProgressMode::kPlain, "a line every few seconds (logs, CI)"},
    {"none", ProgressMode::kNone, "nothing"}};
template <>
struct EnumNames<ProgressMode> {
  static constexpr std::span<const EnumName<ProgressMode>> table{kProgressModeNames};
};
ProgressMode ParseProgressMode(const std::string& name);

class Progress {
 public:
  Progress(std::string label, std::int64_t total, ProgressMode mode);
  ~Progress();
  // Thread-safe; `done` is the new absolute count.
  void Update(std::int64_t done);
  void Finish();

  // "1:02:03" / "2:03" style, for ETA and elapsed.
  static std::string FormatDuration(double seconds);

 private:
  void Draw(std::int64_t done, bool final_line);

  std::string label_;
  std::int64_t total_;
  ProgressMode mode_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  std::mutex mutex_;
  bool finished_ = false;
  std::int64_t last_done_ = 0;
};

}  // namespace prep360
