#pragma once
// Test support: GPMF and CAMM samples written byte by byte from their specifications
// (telemetry/gpmf.h, telemetry/camm.h), an Insta360-style trailer, and videos carrying them as
// data tracks, muxed by the ffmpeg CLI.
#include <cstdint>
#include <string>
#include <vector>

namespace prep360::testkit {

using Bytes = std::vector<std::uint8_t>;

// One GPMF KLV item: FourCC, type, struct size, repeat (big-endian), payload padded to 4 bytes.
Bytes GpmfItem(const char* fourcc, char type, int struct_size, int repeat, const Bytes& payload);
// Big-endian values.
Bytes Be32(const std::vector<std::int32_t>& values);
Bytes Be16(const std::vector<std::int32_t>& values);

struct GpsRow {
  double lat = 0, lon = 0, alt = 0;
};

// DEVC{STRM{SCAL, GPSU, GPSF 3, GPSP, GPS5 rows}}: one payload, the rows spread over its sample.
Bytes Gps5Payload(const std::vector<GpsRow>& rows, const std::string& gpsu, int dop_x100);
// DEVC{STRM{TYPE lllllllSS, SCAL, GPS9 rows}} with days since 2000, seconds of day, DOP, fix 3.
Bytes Gps9Payload(const std::vector<GpsRow>& rows, int days, double seconds, double dop);

// DEVC{STRM{SCAL scale, GYRO (s x3) rows}}: raw values, rad/s = raw / scale.
Bytes GyroPayload(const std::vector<std::vector<std::int32_t>>& rows, int scale);

// CAMM packets (little-endian).
Bytes CammType5(const GpsRow& row);
Bytes CammType6(double gps_time, int fix, const GpsRow& row);

// `video` remuxed with one data track of `packets` (all the same size), packet k at
// k * packet_ms milliseconds lasting packet_ms, sample entry `tag` ("gpmd" or "camm": ffmpeg
// writes gpmd, and the entry's type is patched to camm). `out` must be a .mov (ffmpeg 5.1 writes gpmd entries only in MOV mode).
void MuxDataTrack(const std::string& video, const std::vector<Bytes>& packets, int packet_ms, const std::string& tag,
                  const std::string& out);

// Appends an Insta360 trailer holding `records` (id, format, payload) to the file.
struct TrailerRecord {
  int id = 0, format = 0;
  Bytes payload;
};
// A record-7 payload: one 53-byte item per row, fix 'A', at unix_s[i] (UTC seconds).
Bytes Insta360GpsRecord(const std::vector<GpsRow>& rows, const std::vector<double>& unix_s);
void AppendInsta360Trailer(const std::string& path, const std::vector<TrailerRecord>& records);

}  // namespace prep360::testkit
