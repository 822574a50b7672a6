#include "prep360/telemetry/gps_track.h"

#include <algorithm>

namespace prep360 {
namespace {

std::optional<double> Lerp(const std::optional<double>& a, const std::optional<double>& b, double w) {
  if (a && b) return *a + (*b - *a) * w;
  return std::nullopt;
}

}  // namespace

std::optional<GpsFix> GpsAt(const std::vector<GpsFix>& track, double t) {
  if (track.empty()) return std::nullopt;
  if (t <= track.front().time_s) {
    if (track.front().time_s - t > kMaxGpsOverhangS) return std::nullopt;
    GpsFix f = track.front();
    if (f.utc_s) *f.utc_s += t - f.time_s;
    f.time_s = t;
    return f;
  }
  if (t >= track.back().time_s) {
    if (t - track.back().time_s > kMaxGpsOverhangS) return std::nullopt;
    GpsFix f = track.back();
    if (f.utc_s) *f.utc_s += t - f.time_s;
    f.time_s = t;
    return f;
  }
  const auto hi = std::upper_bound(track.begin(), track.end(), t,
                                   [](double v, const GpsFix& f) { return v < f.time_s; });
  const GpsFix& b = *hi;
  const GpsFix& a = *(hi - 1);
  const double span = b.time_s - a.time_s;
  if (span > kMaxGpsGapS) return std::nullopt;
  const double w = span > 0 ? (t - a.time_s) / span : 0.0;
  GpsFix f;
  f.time_s = t;
  f.latitude_deg = a.latitude_deg + (b.latitude_deg - a.latitude_deg) * w;
  f.longitude_deg = a.longitude_deg + (b.longitude_deg - a.longitude_deg) * w;
  f.altitude_m = Lerp(a.altitude_m, b.altitude_m, w);
  f.utc_s = Lerp(a.utc_s, b.utc_s, w);
  f.speed_mps = Lerp(a.speed_mps, b.speed_mps, w);
  f.dop = w < 0.5 ? a.dop : b.dop;
  return f;
}

}  // namespace prep360
