#pragma once
// UTC calendar time <-> seconds since 1970-01-01 (proleptic Gregorian, no leap seconds).
#include <cstdint>
#include <string>

namespace prep360 {

// Days since 1970-01-01 of a civil date.
std::int64_t DaysFromCivil(int year, int month, int day);
// Seconds since 1970-01-01 of a UTC date and time.
double UnixSeconds(int year, int month, int day, int hour, int minute, double second);

struct UtcParts {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0;
  double second = 0;
};
UtcParts UtcFromUnix(double unix_s);
// "YYYY-MM-DDTHH:MM:SS.sssZ" (milliseconds).
std::string IsoUtc(double unix_s);

}  // namespace prep360
