#include "prep360/scale/video_shard.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

// How far before its first frame a shard of every-N / every-frame sampling seeks, for the
// frame-index-to-time estimate (the seek is checked anyway).
constexpr double kIndexSeekMarginS = 1.0;

// The index of the first frame a reader starting at options.start_s returns.
std::optional<std::int64_t> FirstFrameIndex(const std::string& path, const VideoReaderOptions& options) {
  VideoReader reader(path, options);
  VideoFrame frame;
  if (!reader.Next(frame)) return std::nullopt;
  return frame.index();
}

}  // namespace

VideoShardPlan PlanVideoShard(const std::string& path, const VideoReaderOptions& reader_options,
                              const VideoInfo& info, const SamplingOptions& s, Shard shard, std::int64_t windows) {
  const ShardRange range = ShardSlice(windows, shard);
  VideoShardPlan plan;
  plan.seek_s = s.start_s;
  plan.first_window = range.begin;
  plan.end_window = shard.index == shard.count ? -1 : range.end;
  const double frame_s = info.fps > 0 ? 1.0 / info.fps : 1.0 / 30.0;
  if (s.fps > 0) {
    // Windows are times from source.start; a frame's window does not depend on where decoding began.
    if (range.begin > 0) {
      const double first = s.start_s + static_cast<double>(range.begin) / s.fps;
      plan.seek_s = std::max(s.start_s, first - std::max(0.05, 2 * frame_s));
    }
    return plan;
  }
  // Windows count frames from the whole run's first frame (every-frame sampling: window = index).
  if (range.begin == 0 && s.every > 0) return plan;
  const std::optional<std::int64_t> origin = FirstFrameIndex(path, reader_options);
  if (!origin) return plan;  // nothing at or after the start: every shard is empty
  plan.origin_index = *origin;
  const std::int64_t step = std::max(1, s.every);
  if (s.every == 0) {
    plan.first_window = *origin + range.begin;
    plan.end_window = plan.end_window < 0 ? -1 : *origin + range.end;
  }
  if (range.begin == 0) return plan;
  const std::int64_t target = *origin + range.begin * step;
  plan.seek_s = std::max(s.start_s, static_cast<double>(target) * frame_s - kIndexSeekMarginS);
  if (plan.seek_s <= s.start_s) return plan;
  VideoReaderOptions trial = reader_options;
  trial.start_s = plan.seek_s;
  const std::optional<std::int64_t> first = FirstFrameIndex(path, trial);
  if (!first || *first > target) {
    throw FileError(path, fmt::format("cannot start shard {} exactly: frame {} is not decoded after a seek to "
                                      "{:.3f} s (irregular timestamps); run this video unsharded",
                                      ShardText(shard), target, plan.seek_s));
  }
  return plan;
}

}  // namespace prep360
