#include "prep360/pipeline/progress.h"

#include <unistd.h>

#include <cstdio>

#include <fmt/format.h>

#include "prep360/util/error.h"

namespace prep360 {

ProgressMode ParseProgressMode(const std::string& name) {
  return ParseName<ProgressMode>(name, "progress mode");
}

Progress::Progress(std::string label, std::int64_t total, ProgressMode mode)
    : label_(std::move(label)), total_(total), mode_(mode) {
  if (mode_ == ProgressMode::kAuto) mode_ = isatty(STDERR_FILENO) ? ProgressMode::kBar : ProgressMode::kPlain;
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

Progress::~Progress() { Finish(); }

std::string Progress::FormatDuration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  const auto s = static_cast<long long>(seconds + 0.5);
  if (s >= 3600) return fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60);
  return fmt::format("{}:{:02}", s / 60, s % 60);
}

void Progress::Update(std::int64_t done) {
  if (mode_ == ProgressMode::kNone) return;
  std::lock_guard lock(mutex_);
  if (finished_) return;
  last_done_ = done;
  if (done >= total_) return;  // Finish() draws the last line
  const auto now = std::chrono::steady_clock::now();
  const double since = std::chrono::duration<double>(now - last_draw_).count();
  const double min_interval = mode_ == ProgressMode::kBar ? 0.1 : 5.0;
  if (since < min_interval) return;
  last_draw_ = now;
  Draw(done, false);
}

void Progress::Draw(std::int64_t done, bool final_line) {
  const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  const double eta = rate > 0 ? static_cast<double>(total_ - done) / rate : -1;
  const double frac = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1.0;
  if (mode_ == ProgressMode::kBar) {
    constexpr int kWidth = 30;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(stderr, "\r%s [%s] %lld/%lld %3.0f%% %.2f/s %s %s\x1b[K%s", label_.c_str(), bar.c_str(),
                 static_cast<long long>(done), static_cast<long long>(total_), frac * 100, rate,
                 final_line ? "elapsed" : "ETA", FormatDuration(final_line ? elapsed : eta).c_str(),
                 final_line ? "\n" : "");
  } else {
    std::fprintf(stderr, "%s: %lld/%lld (%.0f%%) %.2f/s %s %s\n", label_.c_str(), static_cast<long long>(done),
                 static_cast<long long>(total_), frac * 100, rate, final_line ? "elapsed" : "ETA",
                 FormatDuration(final_line ? elapsed : eta).c_str());
  }
  std::fflush(stderr);
}

void Progress::Finish() {
  if (mode_ == ProgressMode::kNone) return;
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  Draw(last_done_, true);
}

}  // namespace prep360
