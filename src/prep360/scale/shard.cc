#include "prep360/scale/shard.h"

#include <charconv>

#include <fmt/format.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr int kMaxShards = 100000;

// A whole decimal number in [1, kMaxShards], or 0.
int ParseCount(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() || text.front() == '+') return 0;
  return value >= 1 && value <= kMaxShards ? value : 0;
}

}  // namespace

Shard ParseShard(const std::string& text) {
  if (text.empty()) return {};
  const auto slash = text.find('/');
  Shard s;
  if (slash != std::string::npos) {
    s.index = ParseCount(std::string_view(text).substr(0, slash));
    s.count = ParseCount(std::string_view(text).substr(slash + 1));
  }
  if (s.index == 0 || s.count == 0) {
    throw Error(fmt::format("/runtime/shard: \"{}\" is not K/N (e.g. 2/8: the second of 8 shards)", text));
  }
  if (s.index > s.count) throw Error(fmt::format("/runtime/shard: {} is past the last shard ({} of {})", text, s.count, s.count));
  return s;
}

std::string ShardText(Shard shard) { return fmt::format("{}/{}", shard.index, shard.count); }

ShardRange ShardSlice(std::int64_t items, Shard shard, std::int64_t align) {
  if (!shard.active()) return {0, items};
  align = std::max<std::int64_t>(1, align);
  const std::int64_t units = (items + align - 1) / align;
  auto boundary = [&](std::int64_t k) {
    const std::int64_t unit = units * k / shard.count;
    return std::min(items, unit * align);
  };
  return {boundary(shard.index - 1), shard.index == shard.count ? items : boundary(shard.index)};
}

std::string ShardReportName(Shard shard) { return fmt::format("report.shard-{}-of-{}.json", shard.index, shard.count); }

Shard ShardOfReportName(const std::string& name) {
  const std::string prefix = "report.shard-", suffix = ".json";
  if (name.size() <= prefix.size() + suffix.size() || name.rfind(prefix, 0) != 0 ||
      name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return {};
  }
  const std::string middle = name.substr(prefix.size(), name.size() - prefix.size() - suffix.size());
  const auto of = middle.find("-of-");
  if (of == std::string::npos) return {};
  Shard s{ParseCount(std::string_view(middle).substr(0, of)), ParseCount(std::string_view(middle).substr(of + 4))};
  if (s.index == 0 || s.count == 0 || s.index > s.count) return {};
  return s;
}

std::filesystem::path JobReportFile(const std::filesystem::path& root, const JobDocument& job) {
  const Shard shard = ParseShard(job.runtime.shard);
  return root / (shard.active() ? ShardReportName(shard) : std::string("report.json"));
}

void CheckShardSettings(const JobDocument& job) {
  const Shard shard = ParseShard(job.runtime.shard);
  if (!shard.active()) return;
  const JobGroups groups = GroupsOf(job.command);
  if (groups.source && job.source.sampling.min_motion > 0) {
    throw Error("/runtime/shard: cannot be combined with /source/min_motion (each kept frame depends on the one "
                "kept before it, across the whole video)");
  }
  if (groups.source && job.source.sampling.max_frames > 0) {
    throw Error("/runtime/shard: cannot be combined with /source/max_frames (a shard does not know how many "
                "frames the shards before it keep)");
  }
  // Their dataset-wide indexes (detections.json, text.json) are written whole by each run.
  if (groups.detect && job.detect.write) {
    throw Error("/runtime/shard: cannot be combined with /detect/write yet (each shard would write its own "
                "detections.json over the others')");
  }
  if (groups.dataset && groups.ocr && job.ocr.read) {  // split, run (the ocr command writes per image)
    throw Error("/runtime/shard: cannot be combined with /ocr/read yet (each shard would write its own text.json "
                "over the others')");
  }
  if (groups.dataset && job.dataset.overwrite) {
    throw Error("/runtime/shard: cannot be combined with /dataset/overwrite (each shard would delete the others' "
                "files; empty the folder once before the shards start)");
  }
}

void AddShardRecord(nlohmann::ordered_json& report, const JobDocument& job) {
  const Shard shard = ParseShard(job.runtime.shard);
  if (!shard.active()) return;
  report["shard"] = {{"index", shard.index}, {"count", shard.count}};
  report["job"] = nlohmann::ordered_json::parse(JobRecordText(job));
}

}  // namespace prep360
