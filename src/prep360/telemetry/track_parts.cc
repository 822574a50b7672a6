#include "prep360/telemetry/track_parts.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

void PutOptional(Json& j, const char* key, const std::optional<double>& v) {
  if (v) j[key] = *v;
}

std::optional<double> GetOptional(const Json& j, const char* key) {
  if (!j.contains(key)) return std::nullopt;
  return j.at(key).get<double>();
}

std::vector<FramePosition> ReadGpsPart(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw FileError(path, "missing: a shard with telemetry did not write its GPS part");
  std::vector<FramePosition> rows;
  try {
    for (const Json& j : Json::parse(in)) {
      FramePosition r;
      r.frame = j.at("frame").get<std::string>();
      r.fix.time_s = j.at("time_s").get<double>();
      r.fix.latitude_deg = j.at("latitude").get<double>();
      r.fix.longitude_deg = j.at("longitude").get<double>();
      r.fix.altitude_m = GetOptional(j, "altitude_m");
      r.fix.dop = GetOptional(j, "dop");
      r.fix.utc_s = GetOptional(j, "utc_s");
      rows.push_back(std::move(r));
    }
  } catch (const nlohmann::json::exception& e) {
    throw FileError(path, std::string("damaged GPS part: ") + e.what());
  }
  return rows;
}

}  // namespace

std::string GpsPartFile(const std::string& dataset_root, Shard shard) {
  return (fs::path(dataset_root) / fmt::format("gps.shard-{}-of-{}.json", shard.index, shard.count)).string();
}

void WriteGpsPart(const std::string& path, const std::vector<FramePosition>& rows) {
  Json parts = Json::array();
  for (const FramePosition& r : rows) {
    Json j = {{"frame", r.frame}, {"time_s", r.fix.time_s}, {"latitude", r.fix.latitude_deg},
              {"longitude", r.fix.longitude_deg}};
    PutOptional(j, "altitude_m", r.fix.altitude_m);
    PutOptional(j, "dop", r.fix.dop);
    PutOptional(j, "utc_s", r.fix.utc_s);
    parts.push_back(std::move(j));
  }
  WriteTextFileAtomic(path, parts.dump() + "\n");
}

int MergeGpsParts(const std::string& dataset_root, int count) {
  bool any = false;
  std::error_code ec;
  for (int k = 1; k <= count && !any; ++k) any = fs::exists(GpsPartFile(dataset_root, Shard{k, count}), ec);
  if (!any) return 0;
  const fs::path dir(dataset_root);
  // After a merge (report.json), shards run again with resume write their parts alone: the other
  // shards' frames come from the merged track.
  const bool merged_before = fs::exists(dir / "report.json", ec);
  std::vector<FramePosition> rows;
  std::set<std::string> listed;
  bool complete = true;
  for (int k = 1; k <= count; ++k) {
    const std::string part = GpsPartFile(dataset_root, Shard{k, count});
    if (merged_before && !fs::exists(part, ec)) {
      complete = false;
      continue;
    }
    for (FramePosition& r : ReadGpsPart(part)) {
      listed.insert(r.frame);
      rows.push_back(std::move(r));
    }
  }
  if (!complete && fs::exists(dir / "track.geojson", ec)) {
    for (FramePosition& r : ReadTrackGeoJson((dir / "track.geojson").string())) {
      if (!listed.contains(r.frame)) rows.push_back(std::move(r));
    }
    std::stable_sort(rows.begin(), rows.end(),
                     [](const FramePosition& a, const FramePosition& b) { return a.fix.time_s < b.fix.time_s; });
  }
  if (!rows.empty()) {
    WriteGpsCsv((dir / "gps.csv").string(), rows);
    WriteTrackGeoJson((dir / "track.geojson").string(), rows);
  }
  for (int k = 1; k <= count; ++k) fs::remove(GpsPartFile(dataset_root, Shard{k, count}), ec);
  return count;
}

}  // namespace prep360
