#pragma once
// The split job: equirect panoramas -> the rig's pinhole views, streamed through a bounded
// pipeline (read -> decode -> reproject -> encode -> metadata -> write), with the COLMAP rig
// export and OUT/report.json. Layout: OUT/images/<view>/<frame>.<ext>.
#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/progress.h"
#include "prep360/pipeline/stage_timer.h"
#include "prep360/reproject/interpolation.h"
#include "prep360/rig/rig.h"

namespace prep360 {

struct SplitOptions {
  std::vector<InputFile> inputs;
  std::string output_dir;
  Rig rig;  // views without a size get the density-matched size of the first readable input
  ImageFormat format = ImageFormat::kJpeg;
  EncodeOptions encode;
  Interpolation interpolation = Interpolation::kBilinear;
  bool resume = false;          // skip views whose output file exists
  bool write_metadata = true;   // EXIF/XMP on every view
  int threads = 0;              // 0 = all hardware threads
  int frames_in_flight = 0;     // 0 = threads + 1; bounds peak memory
  ProgressMode progress = ProgressMode::kAuto;
  // Called with one-line warnings, e.g. a skipped input (from the serial finish stage).
  std::function<void(const std::string&)> warn;
};

struct InputFailure {
  std::string path;
  std::string message;  // one line, names the file
};

struct SplitResult {
  Rig rig;  // with sizes resolved
  std::int64_t frames_total = 0;
  std::int64_t frames_done = 0;             // every view of the frame exists now
  std::int64_t frames_already_done = 0;     // --resume: nothing to do for the frame
  std::int64_t views_written = 0;
  std::int64_t views_skipped_existing = 0;
  std::vector<InputFailure> failures;
  bool interrupted = false;
  double wall_seconds = 0;
  std::array<double, static_cast<std::size_t>(Stage::kCount)> stage_seconds{};
  std::array<std::int64_t, static_cast<std::size_t>(Stage::kCount)> stage_items{};
  std::size_t remap_table_bytes = 0;
  double remap_table_build_seconds = 0;
  std::size_t peak_rss_bytes = 0;
  int threads = 0;

  bool ok() const { return failures.empty() && !interrupted; }
};

// Runs the job. Throws Error for problems that stop the whole run (no readable input to size
// the views from, output folder not writable, --resume into a dataset made with another rig);
// per-input problems are recorded in failures and the run goes on. Writes OUT/report.json.
SplitResult RunSplit(const SplitOptions& options);

}  // namespace prep360
