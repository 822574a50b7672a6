#include "prep360/scale/index_parts.h"

#include <filesystem>

#include <fmt/format.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;

bool MergeIndex(const std::string& dataset_root, const FrameIndexFile& index, int count) {
  std::error_code ec;
  bool any = false;
  for (int k = 1; k <= count && !any; ++k) any = fs::exists(IndexPartFile(dataset_root, index, Shard{k, count}), ec);
  if (!any) return false;
  const std::string whole = IndexPartFile(dataset_root, index, Shard{});
  const bool merged_before = fs::exists(whole, ec);
  FrameIndex frames;
  for (int k = 1; k <= count; ++k) {
    const std::string part = IndexPartFile(dataset_root, index, Shard{k, count});
    if (!fs::exists(part, ec)) {
      if (merged_before) continue;  // that shard's frames are in the index already
      throw FileError(part, fmt::format("missing: shard {} of {} did not write its part of {}; run it again",
                                        k, count, index.file));
    }
    for (auto& [name, entries] : ReadFrameIndex(part, index)) frames.insert_or_assign(name, std::move(entries));
  }
  if (merged_before) frames.merge(ReadFrameIndex(whole, index));  // adds the frames no part lists
  WriteFrameIndex(whole, index, frames);
  for (int k = 1; k <= count; ++k) fs::remove(IndexPartFile(dataset_root, index, Shard{k, count}), ec);
  return true;
}

}  // namespace

std::string IndexPartFile(const std::string& dataset_root, const FrameIndexFile& index, Shard shard) {
  if (!shard.active()) return (fs::path(dataset_root) / index.file).string();
  const std::string stem = fs::path(index.file).stem().string();
  return (fs::path(dataset_root) / fmt::format("{}.shard-{}-of-{}.json", stem, shard.index, shard.count)).string();
}

int MergeIndexParts(const std::string& dataset_root, int count) {
  int written = 0;
  for (const FrameIndexFile& index : {kDetectionsIndex, kTextIndex}) {
    if (MergeIndex(dataset_root, index, count)) ++written;
  }
  return written;
}

}  // namespace prep360
