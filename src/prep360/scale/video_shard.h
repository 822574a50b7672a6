#pragma once
// Where one shard of a video job starts and stops (scale/shard.h). The shard owns a contiguous
// range of the whole run's selection windows, with boundaries placed at keyframes; its reader
// seeks to the keyframe at or before the first one (libav* decodes from a keyframe, so the frames
// are the ones an unsharded run decodes) and the selector drops what lies outside the range,
// numbering windows and frames as the whole run does.
#include <cstdint>
#include <string>
#include <vector>

#include "prep360/scale/shard.h"
#include "prep360/video/frame_selector.h"
#include "prep360/video/video_reader.h"

namespace prep360 {

struct VideoShardPlan {
  std::int64_t first_window = 0;
  std::int64_t end_window = -1;   // < 0: to the end of the video
  std::int64_t origin_index = -1; // the whole run's first frame index (every / every-frame modes)
  double seek_s = 0;              // where the shard's reader starts (>= source.start)
};

// `windows`: the whole run's number of windows (as the sampling would count them from the
// video's duration). `keyframes`: VideoReader::KeyframeTimes(). The windows are split evenly,
// each boundary then moved to the first window that starts at or after the keyframe nearest to
// it, and a shard seeks to the keyframe at or before its first window (without an index: a
// little before that window). Every shard computes the same boundaries; only the balance and
// the decoding skipped depend on them, never the output. For every-N and every-frame sampling
// the frame index of the shard's first window is checked after a trial seek: a video whose
// timestamps do not let the seek land before it (an unusual variable frame rate) is refused
// with FileError naming the file, rather than split inexactly.
VideoShardPlan PlanVideoShard(const std::string& path, const VideoReaderOptions& reader_options,
                              const VideoInfo& info, const SamplingOptions& sampling, Shard shard,
                              std::int64_t windows, const std::vector<double>& keyframes);

}  // namespace prep360
