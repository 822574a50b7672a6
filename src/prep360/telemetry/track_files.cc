#include "prep360/telemetry/track_files.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/utc_time.h"

namespace prep360 {
namespace {

std::string Opt(const std::optional<double>& v, const char* format) {
  return v ? fmt::format(fmt::runtime(format), *v) : std::string();
}

// The seconds since 1970 of IsoUtc's "YYYY-MM-DDTHH:MM:SS.sssZ".
double ParseIsoUtc(const std::string& text) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0;
  double second = 0;
  char z = 0;
  if (std::sscanf(text.c_str(), "%d-%d-%dT%d:%d:%lf%c", &year, &month, &day, &hour, &minute, &second, &z) != 7 ||
      z != 'Z') {
    throw std::invalid_argument("utc \"" + text + "\" is not YYYY-MM-DDTHH:MM:SS.sssZ");
  }
  return UnixSeconds(year, month, day, hour, minute, second);
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

std::vector<FramePosition> ReadTrackGeoJson(const std::string& path) {
  using Json = nlohmann::ordered_json;
  std::ifstream in(path);
  if (!in) throw FileError(path, "cannot be opened");
  std::vector<FramePosition> rows;
  try {
    const Json doc = Json::parse(in);
    for (const Json& feature : doc.at("features")) {
      if (feature.at("geometry").at("type") != "Point") continue;
      const Json& c = feature["geometry"].at("coordinates");
      const Json& props = feature.at("properties");
      FramePosition r;
      r.frame = props.at("frame").get<std::string>();
      r.fix.time_s = props.at("time_s").get<double>();
      r.fix.longitude_deg = c.at(0).get<double>();
      r.fix.latitude_deg = c.at(1).get<double>();
      if (c.size() > 2) r.fix.altitude_m = c.at(2).get<double>();
      if (props.contains("utc")) r.fix.utc_s = ParseIsoUtc(props["utc"].get<std::string>());
      if (props.contains("dop")) r.fix.dop = props["dop"].get<double>();
      rows.push_back(std::move(r));
    }
  } catch (const std::exception& e) {
    throw FileError(path, std::string("not a track of frame positions (damaged?): ") + e.what());
  }
  return rows;
}

void WriteImuCsv(const std::string& path, const std::vector<ImuSample>& samples) {
  std::string text = "time_s,sensor,x,y,z\n";
  for (const ImuSample& s : samples) {
    text += fmt::format("{:.6f},{},{:.9g},{:.9g},{:.9g}\n", s.time_s, s.kind == 'g' ? "gyro" : "accel", s.x, s.y, s.z);
  }
  WriteTextFileAtomic(path, text);
}

}  // namespace prep360
