#include "prep360/scale/shard_merge.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/scale/index_parts.h"
#include "prep360/scale/shard.h"
#include "prep360/telemetry/track_parts.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct ShardReport {
  Shard shard;
  fs::path path;
  Json json;
};

Json ReadJson(const fs::path& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path.string());
  try {
    return Json::parse(bytes.begin(), bytes.end());
  } catch (const nlohmann::json::exception&) {
    throw FileError(path.string(), "not valid JSON (damaged?); run the shard again");
  }
}

// The shard reports in `dir`, checked to be all N of one job: sorted by index.
std::vector<ShardReport> FindShardReports(const fs::path& dir) {
  std::map<int, std::map<int, fs::path>> by_count;
  std::error_code ec;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const Shard s = ShardOfReportName(it->path().filename().string());
    if (s.active()) by_count[s.count][s.index] = it->path();
  }
  if (ec) throw FileError(dir.string(), "cannot list the folder (" + ec.message() + ")");
  if (by_count.empty()) throw FileError(dir.string(), "no shard reports (report.shard-K-of-N.json) in this folder");
  if (by_count.size() > 1) {
    throw FileError(dir.string(), fmt::format("holds shard reports of {} and of {} shards; remove the stale ones",
                                              by_count.begin()->first, by_count.rbegin()->first));
  }
  const int count = by_count.begin()->first;
  const std::map<int, fs::path>& found = by_count.begin()->second;
  std::vector<std::string> missing;
  for (int k = 1; k <= count; ++k) {
    if (!found.contains(k)) missing.push_back(std::to_string(k));
  }
  if (!missing.empty()) {
    throw FileError(dir.string(), fmt::format("shard{} {} of {} {} no report (report.shard-K-of-{}.json): "
                                              "run {} before merging",
                                              missing.size() > 1 ? "s" : "", fmt::join(missing, ", "), count,
                                              missing.size() > 1 ? "have" : "has", count,
                                              missing.size() > 1 ? "them" : "it"));
  }
  std::vector<ShardReport> reports;
  for (const auto& [index, path] : found) reports.push_back({Shard{index, count}, path, ReadJson(path)});
  return reports;
}

// The first JSON pointer where a and b differ, with both values: "/rig/hfov was 90, now 100".
std::string Difference(const Json& a, const Json& b) {
  const nlohmann::json patch = nlohmann::json::diff(nlohmann::json(a), nlohmann::json(b));
  if (patch.empty()) return "";
  const nlohmann::json::json_pointer at(patch.front().at("path").get<std::string>());
  const nlohmann::json ja(a), jb(b);
  return fmt::format("{} was {}, now {}", at.to_string(), ja.contains(at) ? ja.at(at).dump() : "(absent)",
                     jb.contains(at) ? jb.at(at).dump() : "(absent)");
}

bool Interrupted(const Json& report) {
  if (report.contains("counts") && report["counts"].contains("interrupted")) {
    return report["counts"]["interrupted"].get<bool>();  // mask reports
  }
  return report.value("interrupted", false);
}

// Every shard ran the same job (and rig) and finished.
void CheckShards(const fs::path& dir, const std::vector<ShardReport>& reports) {
  const ShardReport& first = reports.front();
  for (const ShardReport& r : reports) {
    if (!r.json.is_object() || !r.json.contains("job") || !r.json.contains("shard") ||
        r.json["shard"].value("count", 0) != r.shard.count || r.json["shard"].value("index", 0) != r.shard.index) {
      throw FileError(r.path.string(), "not the report of this shard (damaged?); run the shard again");
    }
    if (const std::string d = Difference(first.json["job"], r.json["job"]); !d.empty()) {
      throw FileError(r.path.string(), fmt::format("made with other settings than {} ({}); run every shard of "
                                                   "one job document",
                                                   first.path.filename().string(), d));
    }
    if (const std::string d = Difference(first.json.value("rig", Json()), r.json.value("rig", Json())); !d.empty()) {
      throw FileError(r.path.string(), fmt::format("made with another rig than {} ({})",
                                                   first.path.filename().string(), d));
    }
    if (Interrupted(r.json) || r.json.value("disk_full", false)) {
      throw FileError(r.path.string(), fmt::format("shard {} did not finish ({}); run it again (with resume) "
                                                   "before merging",
                                                   ShardText(r.shard), Interrupted(r.json) ? "interrupted" : "disk full"));
    }
  }
  const fs::path job_file = dir / "job.json";
  std::error_code ec;
  if (first.json["command"] != "mask" && fs::exists(job_file, ec)) {
    if (const std::string d = Difference(first.json["job"], ReadJson(job_file)); !d.empty()) {
      throw FileError(job_file.string(), fmt::format("differs from the shards' job ({})", d));
    }
  }
}

// Adds every number of `add` into `into` (objects recursively); other values are left as they are.
void SumNumbers(Json& into, const Json& add) {
  for (auto it = add.begin(); it != add.end(); ++it) {
    if (!into.contains(it.key())) continue;
    Json& target = into[it.key()];
    if (it->is_object() && target.is_object()) {
      SumNumbers(target, *it);
    } else if (it->is_number_integer() && target.is_number_integer()) {
      target = target.get<std::int64_t>() + it->get<std::int64_t>();
    } else if (it->is_number() && target.is_number() && !it->is_boolean()) {
      target = target.get<double>() + it->get<double>();
    }
  }
}

void Append(Json& into, const Json& add, const char* key) {
  if (!into.contains(key) || !add.contains(key)) return;
  for (const Json& item : add[key]) into[key].push_back(item);
}

double PeakRssMb(const Json& report) {
  if (report.contains("memory")) return report["memory"].value("peak_rss_mb", 0.0);
  return 0.0;
}

// Per-item rates from the summed times and counts.
void RecomputeRates(Json& report) {
  if (!report.contains("timing")) return;
  Json& timing = report["timing"];
  if (timing.contains("stages")) {
    for (auto& stage : timing["stages"]) {
      const auto items = stage.value("items", std::int64_t{0});
      stage["ms_per_item"] = items > 0 ? stage.value("busy_s", 0.0) * 1000.0 / static_cast<double>(items) : 0.0;
    }
  }
  const Json& c = report["counts"];
  const auto outputs = c.value("views_written", std::int64_t{0}) + c.value("equirect_written", std::int64_t{0});
  timing["ms_per_output_image"] = outputs > 0 ? timing.value("wall_s", 0.0) * 1000.0 / static_cast<double>(outputs) : 0.0;
}

Json ShardSummary(const ShardReport& r) {
  const Json& j = r.json;
  const double wall = j.contains("timing") ? j["timing"].value("wall_s", 0.0)
                                           : j.contains("timing_s") ? j["timing_s"].value("wall", 0.0) : 0.0;
  const std::int64_t inputs = j["counts"].value("inputs", j["counts"].value("images", std::int64_t{0}));
  return {{"index", r.shard.index}, {"report", r.path.filename().string()}, {"ok", j.value("ok", true)},
          {"inputs", inputs},       {"wall_s", wall},                       {"peak_rss_mb", PeakRssMb(j)}};
}

Json MergeReports(const std::vector<ShardReport>& reports) {
  Json merged = reports.front().json;
  merged.erase("shard");
  merged.erase("job");
  Json shards = Json::array();
  bool ok = true;
  double peak = 0;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const Json& r = reports[i].json;
    ok = ok && r.value("ok", true);
    peak = std::max(peak, PeakRssMb(r));
    shards.push_back(ShardSummary(reports[i]));
    if (i == 0) continue;
    for (const char* key : {"counts", "timing", "timing_s", "detections", "ocr", "blurred_equirect"}) {
      if (merged.contains(key) && r.contains(key)) SumNumbers(merged[key], r[key]);
    }
    if (merged.contains("mask") && merged["mask"].contains("busy_s")) SumNumbers(merged["mask"]["busy_s"], r["mask"]["busy_s"]);
    if (merged.contains("source") && merged["source"].contains("frames_decoded")) {
      merged["source"]["frames_decoded"] =
          merged["source"]["frames_decoded"].get<std::int64_t>() + r["source"].value("frames_decoded", std::int64_t{0});
    }
    if (merged.contains("source") && merged["source"].contains("telemetry") && r.contains("source")) {
      SumNumbers(merged["source"]["telemetry"], r["source"].value("telemetry", Json::object()));
    }
    for (const char* key : {"failures", "frames", "dropped_frames"}) Append(merged, r, key);
  }
  if (merged.contains("ok")) merged["ok"] = ok;
  if (merged.contains("memory")) merged["memory"]["peak_rss_mb"] = peak;
  RecomputeRates(merged);
  merged["shards"] = shards;
  return merged;
}

std::int64_t RemoveTemps(const fs::path& dir) {
  std::int64_t removed = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    std::error_code ignored;
    if (it->is_regular_file(ignored) && IsTempFileName(it->path().filename().string()) &&
        fs::remove(it->path(), ignored)) {
      ++removed;
    }
  }
  return removed;
}

}  // namespace

MergeResult MergeShards(const std::string& dataset) {
  const fs::path dir(dataset);
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw FileError(dataset, "no such folder");
  const std::vector<ShardReport> reports = FindShardReports(dir);
  CheckShards(dir, reports);
  const Json merged = MergeReports(reports);
  MergeResult result;
  result.shards = reports.front().shard.count;
  result.command = merged.value("command", std::string());
  result.stale_temps_removed = RemoveTemps(dir);
  // The indexes first: once written, their parts may go missing (shards run again) and a merge
  // again still works, while the GPS parts must all be there until report.json is.
  MergeIndexParts(dataset, result.shards);
  MergeGpsParts(dataset, result.shards);
  result.report = (dir / "report.json").string();
  WriteTextFileAtomic(result.report, merged.dump(2) + "\n");
  const Json& counts = merged["counts"];
  result.frames = counts.value("inputs", counts.value("images", std::int64_t{0}));
  result.failures = counts.value("frames_failed", counts.value("failed", std::int64_t{0}));
  return result;
}

}  // namespace prep360
