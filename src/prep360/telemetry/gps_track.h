#pragma once
// GPS at a frame's time: linear interpolation between the two fixes around it (latitude,
// longitude, altitude, UTC time; the DOP of the nearer fix).
#include <optional>
#include <vector>

#include "prep360/telemetry/telemetry.h"

namespace prep360 {

// Fixes further apart than this are a gap: no position between them.
inline constexpr double kMaxGpsGapS = 10.0;
// A time this far outside the track still takes its first / last fix.
inline constexpr double kMaxGpsOverhangS = 0.5;

// `track` sorted by time. Nullopt in a gap or outside the track.
std::optional<GpsFix> GpsAt(const std::vector<GpsFix>& track, double time_s);

}  // namespace prep360
