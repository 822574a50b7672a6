#pragma once
// The dataset indexes of a sharded job (scale/shard.h): detections.json (detect.write) and
// text.json (ocr.read) list every frame of the dataset, so each shard writes its own frames' part
// as detections.shard-K-of-N.json / text.shard-K-of-N.json (the index's own format,
// pipeline/frame_index.h), and `prep360 merge` writes the index from the parts, then removes
// them. Entries are per frame (ids and sphere de-duplication never span frames), so the union of
// the parts' frames, in name order, is byte for byte the index one unsharded run writes.
#include <string>

#include "prep360/pipeline/frame_index.h"
#include "prep360/scale/shard.h"

namespace prep360 {

// DATASET/detections.shard-K-of-N.json for kDetectionsIndex and shard K/N; DATASET/detections.json
// when the shard is inactive (an unsharded run).
std::string IndexPartFile(const std::string& dataset_root, const FrameIndexFile& index, Shard shard);

// For each index: when DATASET holds any part of `count` shards, writes the index from the parts
// and removes them. An index already in the folder (an earlier merge; the parts of shards run
// again with dataset.resume since) keeps the frames no part lists; without one, every part must
// be there (FileError naming a missing or damaged part). Returns the number of indexes written.
int MergeIndexParts(const std::string& dataset_root, int count);

}  // namespace prep360
