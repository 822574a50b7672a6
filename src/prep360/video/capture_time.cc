#include "prep360/video/capture_time.h"

#include <cmath>
#include <cstdio>
#include <ctime>

namespace prep360 {

std::optional<CaptureTime> FrameCaptureTime(const std::string& creation_time, double offset_s) {
  if (creation_time.empty() || !std::isfinite(offset_s)) return std::nullopt;
  std::tm tm{};
  double seconds = 0;
  char sep = 0;
  if (std::sscanf(creation_time.c_str(), "%d-%d-%d%c%d:%d:%lf", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &sep,
                  &tm.tm_hour, &tm.tm_min, &seconds) != 7 ||
      (sep != 'T' && sep != ' ') || seconds < 0 || seconds >= 61) {
    return std::nullopt;
  }
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_sec = 0;
  const std::time_t base = timegm(&tm);
  if (base == static_cast<std::time_t>(-1)) return std::nullopt;
  // Whole milliseconds from the minute, so the subsecond part never rounds into the next second.
  const long long millis = std::llround((seconds + offset_s) * 1000.0);
  const long long whole = millis >= 0 ? millis / 1000 : -((-millis + 999) / 1000);
  const std::time_t t = base + static_cast<std::time_t>(whole);
  std::tm out{};
  if (gmtime_r(&t, &out) == nullptr) return std::nullopt;
  char datetime[64];
  std::snprintf(datetime, sizeof(datetime), "%04d:%02d:%02d %02d:%02d:%02d", out.tm_year + 1900, out.tm_mon + 1,
                out.tm_mday, out.tm_hour, out.tm_min, out.tm_sec);
  char subsec[24];
  std::snprintf(subsec, sizeof(subsec), "%03lld", millis - whole * 1000);
  return CaptureTime{datetime, subsec};
}

}  // namespace prep360
