#pragma once
// Why libavformat could not open a file, when the reason is a cut-short MP4/MOV: an ISO media
// file whose index (the moov box) was never written because the recording or copy stopped
// before the end (cameras write the index last).
#include <string>

namespace prep360 {

// True when `path` starts like an ISO media file (an ftyp box first) and has no moov box among
// its top-level boxes (the walk stops at a box that runs past the end of the file).
bool IsMp4WithoutIndex(const std::string& path);

}  // namespace prep360
