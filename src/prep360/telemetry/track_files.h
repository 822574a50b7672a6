#pragma once
// The dataset's telemetry files: gps.csv and track.geojson (one row / point per kept frame with
// a position), imu.csv (every gyro and accelerometer sample on the video clock). Written
// atomically.
#include <string>
#include <vector>

#include "prep360/telemetry/telemetry.h"

namespace prep360 {

struct FramePosition {
  std::string frame;  // the frame's name (output stem)
  GpsFix fix;         // at the frame's time
};

// gps.csv: frame,time_s,latitude,longitude,altitude_m,utc,dop (empty cells where unknown).
void WriteGpsCsv(const std::string& path, const std::vector<FramePosition>& rows);
// track.geojson: a FeatureCollection of one LineString through the frames (when two or more)
// and one Point per frame with properties frame, time_s, utc, dop. Coordinates [lon, lat, alt].
void WriteTrackGeoJson(const std::string& path, const std::vector<FramePosition>& rows);
// The frames' positions in a track.geojson WriteTrackGeoJson wrote (its Points, in order), such
// that writing them again gives the same gps.csv and track.geojson bytes (utc kept to the
// millisecond both files show). Throws FileError naming the file when it is not such a track.
std::vector<FramePosition> ReadTrackGeoJson(const std::string& path);
// imu.csv: time_s,sensor,x,y,z with sensor "gyro" (rad/s) or "accel" (m/s^2).
void WriteImuCsv(const std::string& path, const std::vector<ImuSample>& samples);

}  // namespace prep360
