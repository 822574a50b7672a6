#pragma once
// EXIF capture time of a video frame: the container's creation_time plus the frame's offset.
#include <optional>
#include <string>

namespace prep360 {

struct CaptureTime {
  std::string datetime;  // EXIF DateTimeOriginal "YYYY:MM:DD HH:MM:SS" (UTC, as the container states it)
  std::string subsec;    // EXIF SubSecTimeOriginal, milliseconds "000".."999"
};

// creation_time as libavformat reports it ("2024-05-01T10:20:30.000000Z"; fractional seconds
// and the Z optional). nullopt when it is empty or does not parse.
std::optional<CaptureTime> FrameCaptureTime(const std::string& creation_time, double offset_s);

}  // namespace prep360
