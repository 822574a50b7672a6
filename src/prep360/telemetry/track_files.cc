#include "prep360/telemetry/track_files.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/util/utc_time.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {

std::string Opt(const std::optional<double>& v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : std::string();
}

}  // namespace

void WriteGpsCsv(const std::string& path, const std::vector<FramePosition>& rows) {
  std::string text = "frame,time_s,latitude,longitude,altitude_m,utc,dop\n";
  for (const FramePosition& r : rows) {
    const GpsFix& f = r.fix;
    text += fmt::format("{},{:.6f},{:.9f},{:.9f},{},{},{}\n", r.frame, f.time_s, f.latitude_deg, f.longitude_deg,
                        Opt(f.altitude_m, "{:.3f}"), f.utc_s ? IsoUtc(*f.utc_s) : std::string(), Opt(f.dop, "{:.2f}"));
  }
  WriteTextFileAtomic(path, text);
}

void WriteTrackGeoJson(const std::string& path, const std::vector<FramePosition>& rows) {
  using Json = nlohmann::ordered_json;
  auto coords = [](const GpsFix& f) {
    Json c = Json::array({f.longitude_deg, f.latitude_deg});
    if (f.altitude_m) c.push_back(*f.altitude_m);
    return c;
  };
  Json features = Json::array();
  if (rows.size() >= 2) {
    Json line = Json::array();
    for (const FramePosition& r : rows) line.push_back(coords(r.fix));
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "LineString"}, {"coordinates", line}}},
                        {"properties", {{"name", "track"}}}});
  }
  for (const FramePosition& r : rows) {
    Json props = {{"frame", r.frame}, {"time_s", r.fix.time_s}};
    if (r.fix.utc_s) props["utc"] = IsoUtc(*r.fix.utc_s);
    if (r.fix.dop) props["dop"] = *r.fix.dop;
    features.push_back({{"type", "Feature"},
                        {"geometry", {{"type", "Point"}, {"coordinates", coords(r.fix)}}},
                        {"properties", props}});
  }
  WriteTextFileAtomic(path, Json{{"type", "FeatureCollection"}, {"features", features}}.dump(1) + "\n");
}

void WriteImuCsv(const std::string& path, const std::vector<ImuSample>& samples) {
  std::string text = "time_s,sensor,x,y,z\n";
  for (const ImuSample& s : samples) {
    text += fmt::format("{:.6f},{},{:.9g},{:.9g},{:.9g}\n", s.time_s, s.kind == 'g' ? "gyro" : "accel", s.x, s.y, s.z);
  }
  WriteTextFileAtomic(path, text);
}

}  // namespace prep360
