#include "prep360/telemetry/camm.h"

#include <cmath>
#include <cstring>

#include <fmt/format.h>

namespace prep360 {
namespace {

template <class T>
T ReadLe(const std::uint8_t* p) {
  // The build targets little-endian hosts only (x86-64, aarch64).
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

constexpr double kGpsEpochUnix = 315964800.0;  // 1980-01-06T00:00:00Z
constexpr double kGpsLeapSeconds = 18.0;

}  // namespace

void ParseCammPacket(std::span<const std::uint8_t> data, double time_s, Telemetry& out, const std::string& name) {
  if (data.size() < 4) {
    out.warnings.push_back(fmt::format("{}: CAMM packet of {} bytes at {:.3f} s skipped", name, data.size(), time_s));
    return;
  }
  const int type = ReadLe<std::uint16_t>(data.data() + 2);
  const std::uint8_t* p = data.data() + 4;
  const std::size_t n = data.size() - 4;
  static constexpr std::size_t kSizes[] = {12, 8, 12, 12, 12, 24, 56, 12};
  if (type < 0 || type > 7) return;  // unknown type: not ours to judge
  if (n < kSizes[type]) {
    out.warnings.push_back(fmt::format("{}: CAMM type {} packet at {:.3f} s is {} bytes, expected {}; skipped", name,
                                       type, time_s, n, kSizes[type]));
    return;
  }
  if (type == 2 || type == 3) {
    out.imu.push_back({time_s, type == 2 ? 'g' : 'a', ReadLe<float>(p), ReadLe<float>(p + 4), ReadLe<float>(p + 8)});
  } else if (type == 5) {
    GpsFix f;
    f.time_s = time_s;
    f.latitude_deg = ReadLe<double>(p);
    f.longitude_deg = ReadLe<double>(p + 8);
    f.altitude_m = ReadLe<double>(p + 16);
    out.gps.push_back(f);
  } else if (type == 6) {
    const double t = ReadLe<double>(p);
    const int fix = ReadLe<std::int32_t>(p + 8);
    if (fix == 0) return;
    GpsFix f;
    f.time_s = time_s;
    f.utc_s = t > 1.6e9 ? t : t + kGpsEpochUnix - kGpsLeapSeconds;
    f.latitude_deg = ReadLe<double>(p + 12);
    f.longitude_deg = ReadLe<double>(p + 20);
    f.altitude_m = ReadLe<float>(p + 28);
    const double ve = ReadLe<float>(p + 40), vn = ReadLe<float>(p + 44);
    f.speed_mps = std::sqrt(ve * ve + vn * vn);
    out.gps.push_back(f);
  }
}

}  // namespace prep360
