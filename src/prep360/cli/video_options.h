#pragma once
// Video sampling options shared by extract and run: --fps/--every, --start/--end,
// --max-frames, --select, --min-motion, --force, --decode-threads.
#include <string>

#include <CLI/CLI.hpp>

#include "prep360/pipeline/video_source.h"

namespace prep360::cli {

struct VideoOptions {
  double fps = 0;
  int every = 0;
  double start = 0;
  double end = -1;
  long long max_frames = 0;
  std::string select = "first";
  double min_motion = 0;
  bool force = false;
  int decode_threads = 0;
  int stream = -1;

  void Add(CLI::App& app);
  VideoSourceOptions Build(const std::string& path) const;
};

}  // namespace prep360::cli
