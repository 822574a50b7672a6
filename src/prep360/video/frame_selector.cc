#include "prep360/video/frame_selector.h"

#include <cmath>
#include <utility>

#include <fmt/format.h>

#include "prep360/util/error.h"
#include "prep360/video/motion.h"
#include "prep360/video/sharpness.h"

namespace prep360 {
namespace {

void Validate(const SamplingOptions& o) {
  if (!std::isfinite(o.fps) || o.fps < 0) throw Error(fmt::format("/source/fps must be positive (got {})", o.fps));
  if (o.every < 0) throw Error(fmt::format("/source/every must be positive (got {})", o.every));
  if (o.fps > 0 && o.every > 0) throw Error("/source/fps and /source/every cannot be used together");
  if (!std::isfinite(o.start_s) || o.start_s < 0) {
    throw Error(fmt::format("/source/start must be a time >= 0 (got {})", o.start_s));
  }
  if (!std::isfinite(o.end_s)) throw Error("/source/end must be a finite time");
  if (o.end_s >= 0 && o.end_s <= o.start_s) {
    throw Error(fmt::format("/source/end ({} s) must be after /source/start ({} s)", o.end_s, o.start_s));
  }
  if (o.max_frames < 0) throw Error(fmt::format("/source/max_frames must be >= 0 (got {})", o.max_frames));
  if (!std::isfinite(o.min_motion) || o.min_motion < 0) {
    throw Error(fmt::format("/source/min_motion must be >= 0 degrees (got {})", o.min_motion));
  }
}

int ThumbnailWidth(int preferred, const VideoReader& reader) {
  const VideoInfo& info = reader.info();
  // Luma() works on the stored (unrotated) picture.
  const int stored_width = info.rotation_deg == 90 || info.rotation_deg == 270 ? info.height : info.width;
  return stored_width > 0 ? std::min(preferred, stored_width) : preferred;
}

}  // namespace

FrameSelector::FrameSelector(VideoReader& reader, const SamplingOptions& options)
    : reader_(reader), options_(options) {
  Validate(options_);
}

const std::vector<FrameDecision>& FrameSelector::decisions() const { return decisions_; }

std::int64_t FrameSelector::frames_decoded() const { return reader_.frames_decoded(); }

bool FrameSelector::Fetch(VideoFrame& frame) {
  while (reader_.Next(frame)) {
    // The reader normally seeks to start_s itself; this keeps the selector right when it did not.
    if (frame.time_s() < options_.start_s - 1e-6) continue;
    if (options_.end_s >= 0 && frame.time_s() >= options_.end_s - 1e-9) return false;
    if (!first_index_) first_index_ = options_.origin_index >= 0 ? options_.origin_index : frame.index();
    return true;
  }
  return false;
}

std::int64_t FrameSelector::WindowOf(const VideoFrame& frame) {
  if (options_.fps > 0) {
    // The small slack keeps a frame that sits exactly on a window start (time-base rounding)
    // in that window.
    return static_cast<std::int64_t>(std::floor((frame.time_s() - options_.start_s) * options_.fps + 1e-6));
  }
  if (options_.every > 0) return (frame.index() - *first_index_) / options_.every;
  return frame.index();
}

bool FrameSelector::Consider(VideoFrame& frame, std::int64_t window, std::optional<double> sharpness,
                             SelectedFrame& out) {
  FrameDecision d;
  d.index = frame.index();
  d.time_s = frame.time_s();
  d.window = window;
  d.sharpness = sharpness;
  if (options_.min_motion > 0) {
    LumaThumbnail luma = frame.Luma(ThumbnailWidth(kMotionThumbnailWidth, reader_));
    if (last_kept_luma_) {
      d.motion = Motion(*last_kept_luma_, luma);
      if (*d.motion < options_.min_motion) {
        decisions_.push_back(d);
        return false;
      }
    }
    last_kept_luma_ = std::move(luma);
  }
  d.kept = true;
  decisions_.push_back(d);
  out.frame = std::move(frame);
  out.decision = d;
  ++kept_;
  return true;
}

bool FrameSelector::CloseOpenWindow(SelectedFrame& out) {
  if (options_.select != SelectMode::kSharpest || best_.empty()) return false;
  VideoFrame candidate = std::move(best_);
  best_ = VideoFrame();
  return Consider(candidate, best_window_, best_sharpness_, out);
}

bool FrameSelector::Next(SelectedFrame& out) {
  if (pending_error_) std::rethrow_exception(std::exchange(pending_error_, nullptr));
  while (!done_) {
    if (options_.max_frames > 0 && kept_ >= options_.max_frames) {
      done_ = true;
      break;
    }
    VideoFrame frame;
    bool fetched = false;
    try {
      fetched = Fetch(frame);
    } catch (const Error&) {
      // Damage: the frames of the open window seen so far were decoded cleanly, so the window's
      // best frame is kept before the error is reported.
      done_ = true;
      if (!CloseOpenWindow(out)) throw;
      pending_error_ = std::current_exception();
      return true;
    }
    if (!fetched) {
      done_ = true;
      // The last window closes with the stream (or end_s).
      return CloseOpenWindow(out);
    }
    const std::int64_t window = WindowOf(frame);
    if (window < options_.first_window) continue;  // before this shard's part
    if (options_.end_window >= 0 && window >= options_.end_window) {
      done_ = true;
      return CloseOpenWindow(out);
    }
    if (options_.select == SelectMode::kFirst) {
      if (window == last_window_) continue;  // the window is decided: skip its other frames
      last_window_ = window;
      // The rest of this window is not needed: the decoder may skip its non-reference frames.
      if (options_.fps > 0) reader_.SkipUnneededBefore(options_.start_s + static_cast<double>(window + 1) / options_.fps);
      if (Consider(frame, window, std::nullopt, out)) return true;
      continue;
    }
    // kSharpest: hold the best frame until a frame of a later window closes its window.
    const double score = Sharpness(frame.Luma(ThumbnailWidth(kSharpnessThumbnailWidth, reader_)));
    if (!best_.empty() && window == best_window_) {
      if (score > best_sharpness_) {
        best_ = std::move(frame);
        best_sharpness_ = score;
      }
      continue;
    }
    VideoFrame candidate = std::move(best_);
    const std::int64_t candidate_window = best_window_;
    const double candidate_score = best_sharpness_;
    best_ = std::move(frame);
    best_window_ = window;
    best_sharpness_ = score;
    if (!candidate.empty() && Consider(candidate, candidate_window, candidate_score, out)) return true;
  }
  return false;
}

}  // namespace prep360
