#pragma once
// The trailer Insta360 cameras append to .insv/.insp files (read backwards from the end; layout
// as exiftool's ProcessInsta360 and telemetry-parser's insta360 reader walk it):
//   footer, 72 bytes at EOF: 32 bytes padding | u32 trailer size | u32 version |
//                            "8db42d694ccc418790edff439fe026bf"
//   records, last first:     payload[size] | u8 format | u8 id | u32 size  (header after payload)
// Read here: record 7, GPS, 53-byte items u64 unix seconds | u16 ms | char fix ('A' acquired,
// 'V' void: skipped) | f64 lat | char N/S | f64 lon | char E/W | f64 speed m/s | f64 track deg |
// f64 altitude m; and record 1 (protobuf) field 5, the lens "offset" string, kept as text.
// GPS items carry UTC only: they are placed on the video clock through the container's
// creation_time (UTC at the first frame); without it they are kept off the clock (reported, not
// interpolated).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "prep360/telemetry/telemetry.h"

namespace prep360 {

struct Insta360Record {
  int id = 0, format = 0;
  std::vector<std::uint8_t> payload;
};

struct Insta360Trailer {
  std::uint32_t version = 0;
  std::vector<Insta360Record> records;  // in file order
  std::vector<std::string> warnings;
};

// The trailer of `path`; nullopt when the file has none (no magic at the end).
std::optional<Insta360Trailer> ReadInsta360Trailer(const std::string& path);

// The GPS items of a record-7 payload (UTC times in utc_s, time_s = 0).
std::vector<GpsFix> ParseInsta360Gps(const std::vector<std::uint8_t>& payload);

// The "offset" lens calibration string of a record-1 payload (protobuf field 5); "" if none.
std::string Insta360OffsetString(const std::vector<std::uint8_t>& payload);

// Adds the trailer's GPS (placed by the file's creation_time) and its problems to `out`; a file
// without a trailer adds nothing.
void ReadInsta360Telemetry(const std::string& path, Telemetry& out);

}  // namespace prep360
