#pragma once
// Google CAMM (developers.google.com/streetview/publish/camm-spec): one little-endian packet per
// sample of a 'camm' track, u16 reserved | u16 type | payload. Read here:
//   type 2 gyro f32[3] rad/s; type 3 acceleration f32[3] m/s^2;
//   type 5 f64 lat, lon, alt (deg, deg, m);
//   type 6 f64 time_gps_epoch, i32 fix (0 none, 2 2D, 3 3D), f64 lat, lon, f32 alt, h_acc,
//          v_acc, vel_east, vel_north, vel_up, speed_acc (56 bytes). Fixes of type 0 are skipped.
//          The time is taken as seconds since the GPS epoch (1980-01-06) minus the 18 leap
//          seconds GPS time is ahead of UTC (since 2017); values past 1.6e9 are taken as
//          Unix time (some cameras write that).
// Other types are skipped.
#include <cstdint>
#include <span>
#include <string>

#include "prep360/telemetry/telemetry.h"

namespace prep360 {

// Parses one packet sampled at `time_s` (video clock). Damaged: a warning naming `name`.
void ParseCammPacket(std::span<const std::uint8_t> data, double time_s, Telemetry& out, const std::string& name);

}  // namespace prep360
