#pragma once
// `prep360 merge DATASET`: the shards of a job (scale/shard.h) each wrote
// DATASET/report.shard-K-of-N.json; this checks that all N finished the same job document with
// the same rig and writes the dataset's single DATASET/report.json: counts and busy times summed,
// frames, failures and dropped frames in shard order, peak memory the largest shard's, and a
// "shards" list (each shard's wall time, peak memory and frames); the detections, ocr and
// blurred_equirect counts are summed too. Temp files left by killed shards are removed, the
// shards' GPS parts become gps.csv and track.geojson (telemetry/track_parts.h), and their index
// parts detections.json and text.json (scale/index_parts.h). Works for the reports of split, run, extract and mask.
#include <cstdint>
#include <string>

namespace prep360 {

struct MergeResult {
  int shards = 0;
  std::string command;        // of the shards' job
  std::string report;         // the report.json written
  std::int64_t frames = 0;    // inputs (frames or images) over all shards
  std::int64_t failures = 0;  // per-input failures the shards recorded
  std::int64_t stale_temps_removed = 0;
};

// Throws FileError naming the folder or the report at fault: no shard reports, reports of
// different shard counts, missing shards ("shards 2, 4 of 4 have no report ..."), a damaged
// report, a shard made with other settings or another rig (the first differing field named), a
// shard that did not finish (interrupted, disk full), or a job.json that differs from the shards'.
MergeResult MergeShards(const std::string& dataset);

}  // namespace prep360
