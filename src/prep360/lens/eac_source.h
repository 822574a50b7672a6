#pragma once
// The frame source of GoPro MAX EAC input (lens/eac_layout.h): a video whose two EAC tracks are
// two video streams of one size (found by their shape, not their index), or stills holding both
// tracks one above the other (track_width x 2F).
#include <memory>
#include <utility>
#include <vector>

#include "prep360/job/job_document.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/video/video_stream.h"

namespace prep360 {

// Container indices of the first two video streams of one size shaped like EAC halves, in file
// order (the first holds Left | Front | Right), or {-1, -1}.
std::pair<int, int> EacStreamPair(const std::vector<VideoStreamInfo>& streams);

// Throws FileError when the input does not hold EAC halves.
std::unique_ptr<FrameSource> MakeEacFrameSource(const JobDocument& job, bool stitch);

}  // namespace prep360
