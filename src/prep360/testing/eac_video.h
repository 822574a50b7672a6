#pragma once
// Test support: a GoPro MAX-like `.360` file. The two tracks of testkit::RenderEac(layout) become
// video streams 0 and 1 (x264 qp 0, 4:4:4, 10 fps: near lossless), and a gpmd data track holds
// four GPS5 fixes spread over its one 1 s sample (45.000..45.003 N, 7.000..7.006 E, 200..203 m,
// UTC 2024-05-01 10:20:30, DOP 1.5). The file is named GS010001.360, so `--input auto` reads it
// as EAC by its name as well as by its streams.
#include <string>

#include "prep360/lens/eac_layout.h"

namespace prep360::testkit {

struct EacVideoOptions {
  EacLayout layout{384, 32};  // tracks of 1216 x 384
  int frames = 1;
  int gop = 0;  // keyframe interval (-g); 0: encoder default
  // When set, every sample of frame f (both tracks) is raised by f levels, so every frame
  // differs and a track paired with another frame's shows (the scene's samples stay below 243).
  bool vary_frames = false;
};

// Writes DIR/t0.mp4, DIR/t5.mp4, DIR/two.mp4 and DIR/GS010001.360; returns the last.
std::string WriteEacVideo(const std::string& dir, const EacVideoOptions& options);

}  // namespace prep360::testkit
