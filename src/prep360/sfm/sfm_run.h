#pragma once
// `prep360 sfm`: reconstructs a dataset with an installed COLMAP (docs/colmap.md).
//   DATASET/colmap/    the work folder: database.db, images_<k>.txt, pairs.txt, one log per step
//                      (<step>.log, kept after a failure), COLMAP's models in sparse/<n>/
//   DATASET/sparse/0/  the largest model (binary, as COLMAP writes it)
//   DATASET/sfm_report.json  images registered of the total, mean reprojection error, the rig
//                      consistency per frame, seconds per COLMAP step
// Every run starts from a fresh database.
#include <filesystem>
#include <string>
#include <vector>

#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/job_observer.h"
#include "prep360/sfm/colmap_steps.h"
#include "prep360/sfm/rig_consistency.h"

namespace prep360 {

struct SfmStepTime {
  std::string name;
  double seconds = 0;
};

struct SfmReport {
  std::string colmap;          // path
  std::string colmap_version;  // "3.8"
  bool rig_in_mapper = false;  // COLMAP >= 3.12: the rig constrained the reconstruction
  std::string matcher;
  int images_total = 0, images_registered = 0;
  int models = 0;              // models COLMAP made (1 when everything connected)
  std::int64_t points = 0;
  double mean_reprojection_error = 0;  // pixels
  RigConsistency rig;
  std::vector<SfmStepTime> steps;
  double total_seconds = 0;
};

// Runs the steps; throws Error naming the log file when COLMAP fails ("DATASET/colmap/mapper.log:
// colmap mapper failed (exit code 1): <its last line>"), or with an install hint when COLMAP is
// missing. A cancelled token stops COLMAP and throws Error "interrupted".
SfmReport RunSfm(const std::filesystem::path& dataset, const SfmOptions& options, JobObserver& observer,
                 const CancelToken& cancel);

// The report as JSON (sfm_report.json) and as the terminal summary.
std::string SfmReportJson(const SfmReport& report);
std::string FormatSfmSummary(const SfmReport& report);

}  // namespace prep360
