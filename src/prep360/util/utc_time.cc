#include "prep360/util/utc_time.h"

#include <cmath>

#include <fmt/format.h>

namespace prep360 {

std::int64_t DaysFromCivil(int year, int month, int day) {
  // H. Hinnant's days_from_civil.
  const std::int64_t y = year - (month <= 2 ? 1 : 0);
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

double UnixSeconds(int year, int month, int day, int hour, int minute, double second) {
  return static_cast<double>(DaysFromCivil(year, month, day)) * 86400.0 + hour * 3600.0 + minute * 60.0 + second;
}

UtcParts UtcFromUnix(double unix_s) {
  const double days_f = std::floor(unix_s / 86400.0);
  double rest = unix_s - days_f * 86400.0;
  // civil_from_days
  const std::int64_t z = static_cast<std::int64_t>(days_f) + 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  UtcParts p;
  p.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  p.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  p.year = static_cast<int>(yoe + era * 400 + (p.month <= 2 ? 1 : 0));
  p.hour = static_cast<int>(rest / 3600);
  rest -= p.hour * 3600.0;
  p.minute = static_cast<int>(rest / 60);
  p.second = rest - p.minute * 60.0;
  return p;
}

std::string IsoUtc(double unix_s) {
  const double ms = std::round(unix_s * 1000.0) / 1000.0;
  const UtcParts p = UtcFromUnix(ms);
  return fmt::format("{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:{:06.3f}Z", p.year, p.month, p.day, p.hour, p.minute,
                     p.second);
}

}  // namespace prep360
