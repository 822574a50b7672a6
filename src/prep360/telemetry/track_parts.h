#pragma once
// The telemetry files of a sharded job (scale/shard.h). gps.csv and track.geojson list the kept
// frames, so each shard writes its own frames' positions to gps.shard-K-of-N.json (full
// precision) and `prep360 merge` writes the two files from the parts in shard order, then removes
// the parts: the bytes are those of one unsharded run. imu.csv holds the whole track whatever
// the frames, so shard 1 writes it as an unsharded run does.
#include <string>
#include <vector>

#include "prep360/scale/shard.h"
#include "prep360/telemetry/track_files.h"

namespace prep360 {

// DATASET/gps.shard-K-of-N.json.
std::string GpsPartFile(const std::string& dataset_root, Shard shard);
void WriteGpsPart(const std::string& path, const std::vector<FramePosition>& rows);

// When DATASET holds any gps part of `count` shards: reads parts 1..count (FileError naming a
// missing or damaged one), writes gps.csv and track.geojson when any frame has a position, and
// removes the parts. After an earlier merge (DATASET/report.json), parts may be missing: the
// parts there (of shards run again with dataset.resume) replace their frames in the merged
// track.geojson, and the rows are written in time order. Returns the number of parts merged (0:
// the job had no telemetry).
int MergeGpsParts(const std::string& dataset_root, int count);

}  // namespace prep360
