#pragma once
// Telemetry read from a camera file: GPS fixes and IMU samples on the video clock (seconds from
// the start of the video), and what tracks held them.
#include <optional>
#include <string>
#include <vector>

namespace prep360 {

struct GpsFix {
  double time_s = 0;  // video clock
  double latitude_deg = 0, longitude_deg = 0;
  std::optional<double> altitude_m;  // WGS84 (GPMF, CAMM) or as the camera states it
  std::optional<double> dop;         // dilution of precision, where known
  std::optional<double> utc_s;       // seconds since 1970-01-01 UTC, where known
  std::optional<double> speed_mps;
};

struct ImuSample {
  double time_s = 0;  // video clock
  char kind = 'g';    // 'g' gyro (rad/s), 'a' accelerometer (m/s^2)
  double x = 0, y = 0, z = 0;  // in the order the file stores them
};

struct TelemetryTrack {
  std::string format;  // "gpmf", "camm", "insta360 trailer"
  int stream = -1;     // container stream index; -1 for the trailer
  std::size_t gps = 0, imu = 0;  // samples read
  double gps_rate_hz = 0, imu_rate_hz = 0;
};

struct Telemetry {
  std::vector<GpsFix> gps;  // sorted by time
  std::vector<ImuSample> imu;
  std::vector<TelemetryTrack> tracks;
  std::vector<std::string> warnings;  // damaged or unknown data, skipped
};

}  // namespace prep360
