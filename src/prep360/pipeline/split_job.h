#pragma once
// The split job: equirect panoramas (image files, or frames of a video) -> the rig's pinhole
// views (split, run) or equirect frames (extract), streamed through a bounded pipeline of named
// stages: the frame source (next frame; decode it), the view renderer (remap -> detect/merge ->
// encode -> write) and the dataset sink (tally, progress, report). Writes the dataset described
// by DatasetLayout, including OUT/job.json and OUT/report.json.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/job/job_document.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/mask/frame_masker.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/pipeline/job_observer.h"
#include "prep360/pipeline/stage_timer.h"
#include "prep360/rig/rig.h"

namespace prep360 {

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

// What the job did.
struct SplitCounts {
  std::int64_t frames_total = 0;
  std::int64_t frames_done = 0;          // every output of the frame exists now
  std::int64_t frames_already_done = 0;  // resume: nothing to do for the frame
  std::int64_t views_written = 0;
  std::int64_t views_skipped_existing = 0;
  std::int64_t equirect_written = 0;
  std::int64_t masks_written = 0;
  std::int64_t sfm_masks_written = 0;
  std::vector<InputFailure> failures;
  bool interrupted = false;  // cancelled
  bool disk_full = false;    // stopped because the disk filled up
};

// How long it took and what it held.
struct SplitTiming {
  double wall_seconds = 0;
  std::array<double, static_cast<std::size_t>(Stage::kCount)> stage_seconds{};
  std::array<std::int64_t, static_cast<std::size_t>(Stage::kCount)> stage_items{};
  MaskPhaseTimes mask_times;
  std::size_t remap_table_bytes = 0;
  double remap_table_build_seconds = 0;
  std::size_t peak_rss_bytes = 0;
  int threads = 0;
};

// What the dataset holds, for report.json.
struct DatasetRecord {
  Rig rig;  // with sizes resolved; empty for extract
  std::vector<FrameRecord> frames;
  std::vector<FrameDecision> dropped;  // looked at, not kept (min_motion)
  nlohmann::ordered_json source;       // FrameSource::Describe()
  std::string mask_provider;           // the ONNX Runtime execution provider that ran the model
  int mask_sphere_width = 0;
  std::int64_t faces_found = 0;           // /privacy/blur faces: faces on the sphere, summed over frames
  std::int64_t face_regions_blurred = 0;  // face regions blurred in views (a face seen by two views: 2)
  std::string face_provider;
  nlohmann::ordered_json annotations;  // the report sections of detect.write, ocr.read, blur_equirect
};

struct SplitResult {
  SplitCounts counts;
  SplitTiming timing;
  DatasetRecord record;

  bool ok() const { return counts.failures.empty() && !counts.interrupted; }
};

// Runs a checked split, run or extract document over `source` (for split: an ImageListSource
// over the expanded inputs). Throws Error for problems that stop the whole job before anything is
// written (no readable input to size the views from, a bad model, an output folder that holds a
// dataset made with other settings, or is not writable). Per-input problems are recorded in
// counts.failures and the job goes on; a source that breaks (damaged video) or a full disk ends
// the job after the frames in flight. Re-entrant: jobs may run concurrently in one process.
// `model`: a loaded segmenter for job.detect to share instead of loading the model (see
// SegmenterOptions::loaded).
SplitResult RunSplit(const JobDocument& job, FrameSource& source, JobObserver& observer, const CancelToken& cancel,
                     std::shared_ptr<Segmenter> model = nullptr);

}  // namespace prep360
