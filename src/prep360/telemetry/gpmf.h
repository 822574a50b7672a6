#pragma once
// GoPro GPMF (github.com/gopro/gpmf-parser README): big-endian KLV, each item
// FourCC[4] | type char | struct size u8 | repeat u16, then size * repeat bytes padded to 4;
// type 0 nests items. Within a STRM nest, SCAL (one divisor, or one per element) and TYPE (the
// element types of a '?' struct) apply to the data that follows. Read here:
//   GPS5 (l x5: lat, lon, alt, 2D speed, 3D speed) with GPSU (UTC yymmddhhmmss.sss), GPSF (fix)
//        and GPSP (DOP x 100);
//   GPS9 (lllllllSS: lat, lon, alt, 2D speed, 3D speed, days since 2000-01-01, seconds since
//        midnight, DOP, fix);
//   GYRO (rad/s) and ACCL (m/s^2).
// Samples of one payload are spread evenly over the payload's time span [t0, t1).
#include <cstdint>
#include <span>

#include "prep360/telemetry/telemetry.h"

namespace prep360 {

// Parses one GPMF payload (one sample of a gpmd track) into `out`. Damaged data: a warning in
// out.warnings naming `name`, never an exception; what was read before it is kept.
void ParseGpmfPayload(std::span<const std::uint8_t> data, double t0, double t1, Telemetry& out,
                      const std::string& name);

}  // namespace prep360
