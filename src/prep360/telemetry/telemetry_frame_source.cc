#include "prep360/telemetry/telemetry_frame_source.h"

#include <filesystem>

#include "prep360/telemetry/gps_track.h"
#include "prep360/telemetry/telemetry_reader.h"
#include "prep360/telemetry/track_parts.h"
#include "prep360/util/error.h"

namespace prep360 {

bool TelemetryFrameSource::Next(SourceFrame& frame, StageTimes& times) {
  if (!inner_->Next(frame, times)) return false;
  if (!frame.decision) return true;
  if (const std::optional<GpsFix> fix = GpsAt(telemetry_.gps, frame.decision->time_s)) {
    GpsPosition gps;
    gps.latitude_deg = fix->latitude_deg;
    gps.longitude_deg = fix->longitude_deg;
    gps.altitude_m = fix->altitude_m;
    gps.utc_s = fix->utc_s;
    gps.dop = fix->dop;
    frame.metadata.gps = gps;
    positions_.push_back({frame.frame_name, *fix});
  }
  return true;
}

nlohmann::ordered_json TelemetryFrameSource::Describe() const {
  nlohmann::ordered_json j = inner_->Describe();
  nlohmann::ordered_json tracks = nlohmann::ordered_json::array();
  for (const TelemetryTrack& t : telemetry_.tracks) {
    tracks.push_back({{"format", t.format},
                      {"stream", t.stream},
                      {"gps_samples", t.gps},
                      {"gps_rate_hz", t.gps_rate_hz},
                      {"imu_samples", t.imu},
                      {"gyro_rate_hz", t.imu_rate_hz}});
  }
  j["telemetry"] = {{"tracks", tracks}, {"frames_with_gps", positions_.size()}, {"warnings", telemetry_.warnings}};
  return j;
}

void TelemetryFrameSource::WriteRecords(const std::string& root) const {
  inner_->WriteRecords(root);
  const std::filesystem::path dir(root);
  if (shard_.active()) {
    WriteGpsPart(GpsPartFile(root, shard_), positions_);
    if (shard_.index == 1 && !telemetry_.imu.empty()) WriteImuCsv((dir / "imu.csv").string(), telemetry_.imu);
    return;
  }
  if (!positions_.empty()) {
    WriteGpsCsv((dir / "gps.csv").string(), positions_);
    WriteTrackGeoJson((dir / "track.geojson").string(), positions_);
  }
  if (!telemetry_.imu.empty()) WriteImuCsv((dir / "imu.csv").string(), telemetry_.imu);
}

std::unique_ptr<FrameSource> WithTelemetry(const std::string& video_path, std::unique_ptr<FrameSource> source,
                                           Shard shard) {
  Telemetry t;
  try {
    t = ReadTelemetry(video_path);
  } catch (const Error&) {
    return source;  // the video source reads the same file and reports it
  }
  if (t.tracks.empty()) return source;
  return std::make_unique<TelemetryFrameSource>(std::move(source), std::move(t), shard);
}

}  // namespace prep360
