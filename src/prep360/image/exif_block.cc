#include "prep360/image/exif_block.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <string>

#include "prep360/util/utc_time.h"

namespace prep360::internal {
namespace {

Exiv2::URational Reduced(std::uint64_t num, std::uint64_t den) {
  const std::uint64_t g = std::gcd(num, den);
  if (g > 1) {
    num /= g;
    den /= g;
  }
  return {static_cast<std::uint32_t>(num), static_cast<std::uint32_t>(den)};
}

void AddBytes(Exiv2::ExifData& exif, const char* key, const char* values) {
  Exiv2::DataValue value(Exiv2::unsignedByte);
  value.read(values);
  exif.add(Exiv2::ExifKey(key), &value);
}

// Degrees to EXIF's degrees, minutes, seconds (seconds to 1e-6).
void AddCoordinate(Exiv2::ExifData& exif, const char* key, double degrees) {
  const double a = std::fabs(degrees);
  auto deg = static_cast<std::uint32_t>(std::floor(a));
  const double minutes_f = (a - deg) * 60.0;
  auto min = static_cast<std::uint32_t>(std::floor(minutes_f));
  auto sec_micro = static_cast<std::uint64_t>(std::llround((minutes_f - min) * 60.0 * 1e6));
  if (sec_micro >= 60000000u) {
    sec_micro -= 60000000u;
    if (++min == 60) {
      min = 0;
      ++deg;
    }
  }
  Exiv2::URationalValue value;
  value.value_.push_back({deg, 1});
  value.value_.push_back({min, 1});
  value.value_.push_back(Reduced(sec_micro, 1000000u));
  exif.add(Exiv2::ExifKey(key), &value);
}

// GPSDateStamp "YYYY:MM:DD" and GPSTimeStamp h, m, s (UTC; seconds to the millisecond).
void AddGpsTime(Exiv2::ExifData& exif, double utc_s) {
  const UtcParts t = UtcFromUnix(std::round(utc_s * 1000.0) / 1000.0);
  char date[16];
  std::snprintf(date, sizeof(date), "%04d:%02d:%02d", t.year, t.month, t.day);
  exif["Exif.GPSInfo.GPSDateStamp"] = std::string(date);
  Exiv2::URationalValue time;
  time.value_.push_back({static_cast<std::uint32_t>(t.hour), 1});
  time.value_.push_back({static_cast<std::uint32_t>(t.minute), 1});
  time.value_.push_back(Reduced(static_cast<std::uint64_t>(std::llround(t.second * 1000.0)), 1000));
  exif.add(Exiv2::ExifKey("Exif.GPSInfo.GPSTimeStamp"), &time);
}

}  // namespace

Exiv2::URational ToURational(double value) {
  if (!std::isfinite(value) || value <= 0) return {0, 1};
  constexpr double kMax = std::numeric_limits<std::uint32_t>::max();
  if (value >= kMax) return {std::numeric_limits<std::uint32_t>::max(), 1};
  std::uint64_t den = 1000000;
  while (den > 1 && value * static_cast<double>(den) > kMax) den /= 10;
  return Reduced(static_cast<std::uint64_t>(std::llround(value * static_cast<double>(den))), den);
}

Exiv2::ExifData BuildExifData(const ViewMetadata& meta) {
  Exiv2::ExifData exif;
  exif["Exif.Image.Software"] = std::string("prep360");
  {
    Exiv2::DataValue version(Exiv2::undefined);
    version.read("48 50 51 50");  // "0232"
    exif.add(Exiv2::ExifKey("Exif.Photo.ExifVersion"), &version);
  }
  if (meta.width > 0 && meta.focal_px > 0) {
    const double mm = meta.focal_px * kNominalSensorWidthMm / meta.width;
    exif["Exif.Photo.FocalLength"] = ToURational(mm);
    exif["Exif.Photo.FocalLengthIn35mmFilm"] =
        static_cast<std::uint16_t>(std::clamp<long>(std::lround(mm), 1, 65535));
  }
  if (meta.width > 0 && meta.height > 0 && meta.focal_px > 0) {
    // W pixels across the nominal 36 mm = 3.6 cm: 10 W / 36 pixels per centimetre, exactly.
    const Exiv2::URational resolution = Reduced(10u * static_cast<std::uint64_t>(meta.width), 36);
    exif["Exif.Photo.FocalPlaneXResolution"] = resolution;
    exif["Exif.Photo.FocalPlaneYResolution"] = resolution;  // square pixels
    exif["Exif.Photo.FocalPlaneResolutionUnit"] = static_cast<std::uint16_t>(3);
  }
  if (meta.width > 0 && meta.height > 0) {
    exif["Exif.Photo.PixelXDimension"] = static_cast<std::uint32_t>(meta.width);
    exif["Exif.Photo.PixelYDimension"] = static_cast<std::uint32_t>(meta.height);
  }
  if (meta.source.datetime_original) exif["Exif.Photo.DateTimeOriginal"] = *meta.source.datetime_original;
  if (meta.source.subsec_original) exif["Exif.Photo.SubSecTimeOriginal"] = *meta.source.subsec_original;
  if (const auto& gps = meta.source.gps;
      gps && std::isfinite(gps->latitude_deg) && std::isfinite(gps->longitude_deg)) {
    AddBytes(exif, "Exif.GPSInfo.GPSVersionID", "2 3 0 0");
    exif["Exif.GPSInfo.GPSLatitudeRef"] = std::string(gps->latitude_deg < 0 ? "S" : "N");
    AddCoordinate(exif, "Exif.GPSInfo.GPSLatitude", gps->latitude_deg);
    exif["Exif.GPSInfo.GPSLongitudeRef"] = std::string(gps->longitude_deg < 0 ? "W" : "E");
    AddCoordinate(exif, "Exif.GPSInfo.GPSLongitude", gps->longitude_deg);
    if (gps->altitude_m && std::isfinite(*gps->altitude_m)) {
      AddBytes(exif, "Exif.GPSInfo.GPSAltitudeRef", *gps->altitude_m < 0 ? "1" : "0");
      const double metres = std::fabs(*gps->altitude_m);
      exif["Exif.GPSInfo.GPSAltitude"] =
          Reduced(static_cast<std::uint64_t>(std::llround(metres * 1000.0)), 1000);
    }
    if (gps->utc_s && std::isfinite(*gps->utc_s)) AddGpsTime(exif, *gps->utc_s);
    if (gps->dop && std::isfinite(*gps->dop) && *gps->dop >= 0) exif["Exif.GPSInfo.GPSDOP"] = ToURational(*gps->dop);
  }
  return exif;
}

std::vector<std::uint8_t> BuildExifBlock(const ViewMetadata& meta) {
  Exiv2::Blob blob;
  Exiv2::ExifParser::encode(blob, Exiv2::littleEndian, BuildExifData(meta));
  return blob;
}

}  // namespace prep360::internal
