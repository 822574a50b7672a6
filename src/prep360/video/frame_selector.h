#pragma once
// Which decoded frames become dataset frames: sampling (--fps / --every, --start/--end,
// --max-frames), the choice within each sampling window (first or sharpest), and --min-motion.
#include <cstdint>
#include <exception>
#include <optional>
#include <vector>

#include "prep360/util/enum_names.h"
#include "prep360/video/video_reader.h"

namespace prep360 {

enum class SelectMode { kFirst, kSharpest };
inline constexpr EnumName<SelectMode> kSelectModeNames[] = {
    {"first", SelectMode::kFirst, "the first frame of each window"},
    {"sharpest", SelectMode::kSharpest, "the frame with the highest variance of the Laplacian of the luma"}};
template <>
struct EnumNames<SelectMode> {
  static constexpr std::span<const EnumName<SelectMode>> table{kSelectModeNames};
};

struct SamplingOptions {
  double fps = 0;        // windows of 1/fps seconds from start_s; 0 with every == 0: every frame
  int every = 0;         // windows of N source frames counted from the first frame used (exclusive with fps)
  double start_s = 0;
  double end_s = -1;     // < 0: to the end; frames with time >= end_s are not used
  std::int64_t max_frames = 0;  // 0 = no limit on kept frames
  SelectMode select = SelectMode::kFirst;
  // 0 = off; else skip a candidate whose motion vs the last kept frame is below this many degrees
  // of the panorama (see Motion() in motion.h), and look at the next window instead.
  double min_motion = 0;
  // A shard's part (not in the job document; see scale/shard.h): only windows in
  // [first_window, end_window) are used (end_window < 0: to the end), with the windows numbered
  // as in the whole run. origin_index >= 0 is the whole run's first frame index (the origin of
  // `every` windows) when decoding starts later.
  std::int64_t first_window = 0;
  std::int64_t end_window = -1;
  std::int64_t origin_index = -1;
};

// The record of one frame the selector kept (or dropped for too little motion).
struct FrameDecision {
  std::int64_t index = 0;
  double time_s = 0;
  std::int64_t window = 0;
  std::optional<double> sharpness;  // set when computed (select sharpest)
  std::optional<double> motion;     // set when computed (min_motion > 0; none for the first kept frame)
  bool kept = false;
};

struct SelectedFrame {
  VideoFrame frame;
  FrameDecision decision;
};

class FrameSelector {
 public:
  // Throws Error for inconsistent options (fps and every both set, end before start, ...).
  FrameSelector(VideoReader& reader, const SamplingOptions& options);
  // Decodes until the next kept frame. False when the stream, end_s or max_frames is reached.
  // Decode errors propagate (FileError from the reader); when the reader fails in the middle of
  // a window, the best frame of that window seen so far is still returned first and the error
  // comes from the next call.
  bool Next(SelectedFrame& out);
  // Every decision so far: kept frames and frames dropped by min_motion, in order.
  const std::vector<FrameDecision>& decisions() const;
  std::int64_t frames_decoded() const;

 private:
  // Reads the next frame inside [start_s, end_s); false at the end.
  bool Fetch(VideoFrame& frame);
  std::int64_t WindowOf(const VideoFrame& frame);
  // Applies min_motion to a window's candidate; true (and `out` filled) when it is kept.
  bool Consider(VideoFrame& frame, std::int64_t window, std::optional<double> sharpness, SelectedFrame& out);
  // kSharpest: decides the open window (its best frame); true when that frame is kept.
  bool CloseOpenWindow(SelectedFrame& out);

  VideoReader& reader_;
  SamplingOptions options_;
  std::vector<FrameDecision> decisions_;
  std::int64_t kept_ = 0;
  bool done_ = false;
  std::optional<std::int64_t> first_index_;  // origin of --every windows
  std::int64_t last_window_ = -1;            // kFirst: the window already decided
  // kSharpest: the best frame of the open window.
  VideoFrame best_;
  std::int64_t best_window_ = -1;
  double best_sharpness_ = 0;
  // min_motion: thumbnail of the last kept frame.
  std::optional<LumaThumbnail> last_kept_luma_;
  std::exception_ptr pending_error_;  // the reader's error, after the open window's frame
};

}  // namespace prep360
