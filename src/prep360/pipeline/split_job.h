#pragma once
// The split job: equirect panoramas (image files, or frames of a video) -> the rig's pinhole
// views, streamed through a bounded pipeline (source -> decode -> reproject -> encode ->
// metadata -> write), with the COLMAP rig export and OUT/report.json.
// Layout: OUT/images/<view>/<frame>.<ext>; with equirect_dir, also <equirect_dir>/<frame>.<ext>.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/mask/frame_masker.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/progress.h"
#include "prep360/pipeline/stage_timer.h"
#include "prep360/reproject/interpolation.h"
#include "prep360/rig/rig.h"

namespace prep360 {

struct SplitOptions {
  std::string command = "split";  // recorded in report.json
  std::vector<InputFile> inputs;  // for RunSplit(options); ignored when a FrameSource is given
  std::string output_dir;
  Rig rig;  // views without a size get the density-matched size of the first input; may be empty
            // when equirect_dir is set (extract)
  std::string equirect_dir;  // also write every frame as an equirect image here (GPano XMP)
  // Object, nadir and ownership masks (off by default). Object masks go to
  // OUT/masks/<view>/... named by masking.style (RealityScan's beside the images), SfM
  // ownership masks to OUT/sfm_masks/<view>/<image name>.png.
  MaskingOptions masking;
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

// One frame the job finished (written, already there, or failed), in source order.
struct FrameRecord {
  std::string name;
  std::string source;
  bool ok = false;
  std::optional<FrameDecision> decision;  // video frames: index, time, scores
};

struct SplitResult {
  Rig rig;  // with sizes resolved
  std::int64_t frames_total = 0;
  std::int64_t frames_done = 0;             // every view of the frame exists now
  std::int64_t frames_already_done = 0;     // --resume: nothing to do for the frame
  std::int64_t views_written = 0;
  std::int64_t views_skipped_existing = 0;
  std::int64_t equirect_written = 0;
  std::int64_t masks_written = 0;
  std::int64_t sfm_masks_written = 0;
  MaskPhaseTimes mask_times;
  std::string mask_provider;  // the ONNX Runtime execution provider that ran the model
  int mask_sphere_width = 0;
  std::vector<InputFailure> failures;
  std::vector<FrameRecord> frames;
  std::vector<FrameDecision> dropped;  // looked at, not kept (--min-motion)
  nlohmann::ordered_json source;       // FrameSource::Describe()
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

// Runs the job over `source`. Throws Error for problems that stop the whole run (no readable
// input to size the views from, output folder not writable, --resume into a dataset made with
// another rig); per-input problems are recorded in failures and the run goes on; a source that
// breaks (damaged video) is recorded in failures and ends the run after the frames in flight.
// Writes OUT/report.json.
SplitResult RunSplit(const SplitOptions& options, FrameSource& source);
// The same over options.inputs (image files).
SplitResult RunSplit(const SplitOptions& options);

}  // namespace prep360
