#pragma once
// Sharded runs: one job split into N cooperating processes that write disjoint files into one
// dataset folder (runtime.shard = "K/N", 1 <= K <= N). The partition is deterministic and chosen
// so that the union of the shards' outputs is byte-identical to one unsharded run:
//   - image inputs (split, mask): contiguous slices of the sorted input list (mask: whole
//     segmentation groups, so every image is segmented in the same batch as in one run);
//   - a video (run, extract): contiguous ranges of selection windows (one window = one kept
//     frame). Each shard seeks to the keyframe before its first window and decodes forward,
//     keeping the unsharded run's window origin and global frame numbering, and writes only its
//     own windows. Selection that chains across windows (source.min_motion, source.max_frames)
//     cannot be split exactly and is refused.
// Each shard writes report.shard-K-of-N.json; `prep360 merge` checks and combines them.
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "prep360/job/job_document.h"

namespace prep360 {

struct Shard {
  int index = 0;  // 1..count
  int count = 0;  // 0: not sharded

  bool active() const { return count > 0; }
};

// "" -> not sharded; "K/N" with 1 <= K <= N <= 100000. Throws Error "/runtime/shard: ...".
Shard ParseShard(const std::string& text);
std::string ShardText(Shard shard);  // "K/N"

// Items [begin, end) of `items` that shard K of N owns: contiguous, in order, covering every item
// once over K = 1..N, with boundaries on multiples of `align` (the last shard takes the rest).
struct ShardRange {
  std::int64_t begin = 0;
  std::int64_t end = 0;
};
ShardRange ShardSlice(std::int64_t items, Shard shard, std::int64_t align = 1);

// "report.shard-K-of-N.json"; ShardOfReportName parses it (inactive Shard when not one).
std::string ShardReportName(Shard shard);
Shard ShardOfReportName(const std::string& file_name);

// The report a job writes under `root`: report.json, or its shard's report.
std::filesystem::path JobReportFile(const std::filesystem::path& root, const JobDocument& job);

// Rules of runtime.shard against the rest of the document (part of JobDocument::Check). Throws
// Error "/runtime/shard: ..." for a malformed value, and for combinations that cannot be split
// exactly or safely: source.min_motion, source.max_frames, dataset.overwrite.
void CheckShardSettings(const JobDocument& job);

// A sharded job's report gets "shard": {"index", "count"} and "job" (the recorded document, as
// in job.json), so `prep360 merge` can check that every shard ran the same job. No-op unsharded.
void AddShardRecord(nlohmann::ordered_json& report, const JobDocument& job);

}  // namespace prep360
