#pragma once
// All the telemetry of a video file: GoPro GPMF tracks (sample entry 'gpmd'), CAMM tracks
// ('camm'), and the GPS records of an Insta360 trailer (insta360_trailer.h). Times are on the
// video clock: seconds from the start of the first video stream. Damaged or unknown telemetry
// gives warnings, never an exception.
#include <string>

#include "prep360/telemetry/telemetry.h"

namespace prep360 {

// Throws FileError only when the file cannot be opened as a media file at all.
Telemetry ReadTelemetry(const std::string& path);

}  // namespace prep360
