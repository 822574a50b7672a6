#include "prep360/scale/video_shard.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <utility>

#include <fmt/format.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

// How far before its first frame a shard seeks when the index lists no keyframe to seek to.
constexpr double kIndexSeekMarginS = 1.0;

// The first frame a reader starting at options.start_s returns: {index, time}.
std::optional<std::pair<std::int64_t, double>> FirstFrame(const std::string& path, const VideoReaderOptions& options) {
  VideoReader reader(path, options);
  VideoFrame frame;
  if (!reader.Next(frame)) return std::nullopt;
  return std::make_pair(frame.index(), frame.time_s());
}

std::optional<std::int64_t> FirstFrameIndex(const std::string& path, const VideoReaderOptions& options) {
  const auto first = FirstFrame(path, options);
  return first ? std::optional<std::int64_t>(first->first) : std::nullopt;
}

// Where a shard whose first window starts at first_s seeks: the keyframe at or before it, checked
// by a trial decode to reach a frame at or before first_s (so no frame of the window is lost, even
// where the index's keyframe times are decode times); otherwise a second earlier, up to 4 times.
double SeekBefore(const std::string& path, const VideoReaderOptions& options, double first_s, double start_s,
                  std::optional<double> keyframe, double margin_s, Shard shard) {
  double seek = keyframe ? *keyframe : std::max(start_s, first_s - margin_s);
  for (int tries = 0; seek > start_s; ++tries) {
    VideoReaderOptions trial = options;
    trial.start_s = seek;
    const auto first = FirstFrame(path, trial);
    if (first && first->second <= first_s + 1e-6) return seek;
    if (tries == 4) {
      throw FileError(path, fmt::format("cannot start shard {} exactly: no frame at or before {:.3f} s is decoded "
                                        "after a seek to {:.3f} s (irregular timestamps); run this video unsharded",
                                        ShardText(shard), first_s, seek));
    }
    seek = std::max(start_s, seek - 1.0);
  }
  return start_s;
}

// Window <-> time, for placing boundaries only: the same in every shard (from the video's
// header and the sampling), not necessarily exact for irregular timestamps.
struct WindowClock {
  double start_s = 0, fps = 0, video_fps = 30;
  std::int64_t step = 1;  // frames per window (index modes)

  double TimeOf(std::int64_t w) const {
    if (fps > 0) return start_s + static_cast<double>(w) / fps;
    return (std::ceil(start_s * video_fps - 1e-9) + static_cast<double>(w * step)) / video_fps;
  }
  // The first window that starts at or after t.
  std::int64_t FirstAtOrAfter(double t) const {
    const double w = fps > 0 ? (t - start_s) * fps
                             : (t * video_fps - std::ceil(start_s * video_fps - 1e-9)) / static_cast<double>(step);
    return static_cast<std::int64_t>(std::ceil(w - 1e-6));
  }
};

// The largest keyframe time <= t (nullopt: none after start_s).
std::optional<double> KeyframeAtOrBefore(const std::vector<double>& keyframes, double t, double start_s) {
  const auto it = std::upper_bound(keyframes.begin(), keyframes.end(), t + 1e-9);
  if (it == keyframes.begin() || *(it - 1) < start_s - 1e-9) return std::nullopt;
  return *(it - 1);
}

// Shard k's first window (k = 1..count; count + 1 -> windows): the even split, moved to the first
// window that starts at or after the keyframe nearest to it, so a shard begins decoding at a
// keyframe with little to skip. Non-decreasing in k.
std::int64_t Boundary(int k, int count, std::int64_t windows, const WindowClock& clock,
                      const std::vector<double>& keyframes) {
  std::int64_t previous = 0;
  for (int j = 2; j <= k; ++j) {
    std::int64_t b = ShardSlice(windows, Shard{j, count}).begin;
    const double t = clock.TimeOf(b);
    const auto after = std::lower_bound(keyframes.begin(), keyframes.end(), t);
    std::optional<double> nearest;
    if (after != keyframes.end()) nearest = *after;
    if (after != keyframes.begin() && (!nearest || t - *(after - 1) < *nearest - t)) nearest = *(after - 1);
    if (nearest && *nearest > clock.start_s) b = std::clamp<std::int64_t>(clock.FirstAtOrAfter(*nearest), 0, windows);
    previous = std::max(previous, b);
  }
  return previous;
}

}  // namespace

VideoShardPlan PlanVideoShard(const std::string& path, const VideoReaderOptions& reader_options,
                              const VideoInfo& info, const SamplingOptions& s, Shard shard, std::int64_t windows,
                              const std::vector<double>& keyframes) {
  WindowClock clock{s.start_s, s.fps, info.fps > 0 ? info.fps : 30.0, std::max(1, s.every)};
  const std::int64_t begin = shard.index == 1 ? 0 : Boundary(shard.index, shard.count, windows, clock, keyframes);
  const std::int64_t end =
      shard.index == shard.count ? -1 : Boundary(shard.index + 1, shard.count, windows, clock, keyframes);
  VideoShardPlan plan;
  plan.seek_s = s.start_s;
  plan.first_window = begin;
  plan.end_window = end;
  const double frame_s = 1.0 / clock.video_fps;
  if (s.fps > 0) {
    // Windows are times from source.start; a frame's window does not depend on where decoding began.
    if (begin > 0) {
      const double first = clock.TimeOf(begin);
      plan.seek_s = SeekBefore(path, reader_options, first, s.start_s, KeyframeAtOrBefore(keyframes, first, s.start_s),
                               std::max(0.05, 2 * frame_s), shard);
    }
    return plan;
  }
  // Windows count frames from the whole run's first frame (every-frame sampling: window = index).
  if (begin == 0 && s.every > 0) return plan;
  const std::optional<std::int64_t> origin = FirstFrameIndex(path, reader_options);
  if (!origin) return plan;  // nothing at or after the start: every shard is empty
  plan.origin_index = *origin;
  if (s.every == 0) {
    plan.first_window = *origin + begin;
    plan.end_window = end < 0 ? -1 : *origin + end;
  }
  if (begin == 0) return plan;
  const std::int64_t target = *origin + begin * clock.step;
  const double target_s = static_cast<double>(target) * frame_s;
  const std::optional<double> kf = KeyframeAtOrBefore(keyframes, target_s + 0.5 * frame_s, s.start_s);
  plan.seek_s = kf ? *kf : std::max(s.start_s, target_s - kIndexSeekMarginS);
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
