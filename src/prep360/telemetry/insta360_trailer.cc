#include "prep360/telemetry/insta360_trailer.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "prep360/util/utc_time.h"
#include "prep360/video/video_reader.h"

namespace prep360 {
namespace {

constexpr char kMagic[] = "8db42d694ccc418790edff439fe026bf";
constexpr std::size_t kFooter = 32 + 4 + 4 + 32;
constexpr std::size_t kHeader = 6;
constexpr std::size_t kGpsItem = 53;

template <class T>
T Le(const std::uint8_t* p) {
  T v;
  std::memcpy(&v, p, sizeof(T));
  return v;
}

// Protobuf varint at p (advances p); false past the end.
bool Varint(const std::uint8_t*& p, const std::uint8_t* end, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; p < end && shift < 64; shift += 7) {
    const std::uint8_t b = *p++;
    v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
    if ((b & 0x80) == 0) return true;
  }
  return false;
}

// "2024-05-01T10:20:30.000000Z" -> Unix seconds.
std::optional<double> ParseCreationTime(const std::string& s) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0;
  double sec = 0;
  if (std::sscanf(s.c_str(), "%d-%d-%dT%d:%d:%lf", &y, &mo, &d, &h, &mi, &sec) != 6) return std::nullopt;
  return UnixSeconds(y, mo, d, h, mi, sec);
}

}  // namespace

std::optional<Insta360Trailer> ReadInsta360Trailer(const std::string& path) {
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const auto file_size = static_cast<std::uint64_t>(in.tellg());
  if (file_size < kFooter) return std::nullopt;
  std::uint8_t footer[kFooter];
  in.seekg(static_cast<std::streamoff>(file_size - kFooter));
  in.read(reinterpret_cast<char*>(footer), kFooter);
  if (!in || std::memcmp(footer + 40, kMagic, 32) != 0) return std::nullopt;
  Insta360Trailer t;
  const std::uint64_t trailer_size = Le<std::uint32_t>(footer + 32);
  t.version = Le<std::uint32_t>(footer + 36);
  const std::string name = std::filesystem::path(path).filename().string();
  if (trailer_size > file_size || trailer_size < kFooter) {
    t.warnings.push_back(fmt::format("{}: Insta360 trailer size {} does not fit the file; trailer skipped", name,
                                     trailer_size));
    return t;
  }
  std::uint64_t offset = kFooter + kHeader;  // from EOF to the current record's header
  while (offset < trailer_size) {
    std::uint8_t header[kHeader];
    in.seekg(static_cast<std::streamoff>(file_size - offset));
    in.read(reinterpret_cast<char*>(header), kHeader);
    Insta360Record r;
    r.format = header[0];
    r.id = header[1];
    const std::uint64_t size = Le<std::uint32_t>(header + 2);
    if (!in || offset + size > trailer_size) {
      t.warnings.push_back(fmt::format("{}: Insta360 trailer record {} runs past the trailer; rest skipped", name, r.id));
      break;
    }
    r.payload.resize(size);
    in.seekg(static_cast<std::streamoff>(file_size - offset - size));
    in.read(reinterpret_cast<char*>(r.payload.data()), static_cast<std::streamsize>(size));
    t.records.push_back(std::move(r));
    offset += size + kHeader;
  }
  std::reverse(t.records.begin(), t.records.end());  // read last first
  return t;
}

std::vector<GpsFix> ParseInsta360Gps(const std::vector<std::uint8_t>& payload) {
  std::vector<GpsFix> out;
  for (std::size_t i = 0; i + kGpsItem <= payload.size(); i += kGpsItem) {
    const std::uint8_t* p = payload.data() + i;
    if (p[10] != 'A') continue;
    GpsFix f;
    f.utc_s = static_cast<double>(Le<std::uint64_t>(p)) + Le<std::uint16_t>(p + 8) / 1000.0;
    f.latitude_deg = std::fabs(Le<double>(p + 11)) * (p[19] == 'S' ? -1 : 1);
    f.longitude_deg = std::fabs(Le<double>(p + 20)) * (p[28] == 'W' ? -1 : 1);
    f.speed_mps = Le<double>(p + 29);
    f.altitude_m = Le<double>(p + 45);
    out.push_back(f);
  }
  return out;
}

std::string Insta360OffsetString(const std::vector<std::uint8_t>& payload) {
  const std::uint8_t* p = payload.data();
  const std::uint8_t* end = p + payload.size();
  while (p < end) {
    std::uint64_t key = 0, v = 0;
    if (!Varint(p, end, key)) return "";
    const int wire = static_cast<int>(key & 7);
    if (wire == 0) {
      if (!Varint(p, end, v)) return "";
    } else if (wire == 1) {
      p += 8;
    } else if (wire == 5) {
      p += 4;
    } else if (wire == 2) {
      if (!Varint(p, end, v) || v > static_cast<std::uint64_t>(end - p)) return "";
      if ((key >> 3) == 5) return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(v));
      p += v;
    } else {
      return "";
    }
  }
  return "";
}

void ReadInsta360Telemetry(const std::string& path, Telemetry& out) {
  const std::optional<Insta360Trailer> trailer = ReadInsta360Trailer(path);
  if (!trailer) return;
  out.warnings.insert(out.warnings.end(), trailer->warnings.begin(), trailer->warnings.end());
  std::vector<GpsFix> gps;
  for (const Insta360Record& r : trailer->records) {
    if (r.id != 7) continue;
    if (r.payload.size() % kGpsItem != 0) {
      out.warnings.push_back(fmt::format("{}: Insta360 GPS record of {} bytes is not whole 53-byte items",
                                         std::filesystem::path(path).filename().string(), r.payload.size()));
    }
    const auto items = ParseInsta360Gps(r.payload);
    gps.insert(gps.end(), items.begin(), items.end());
  }
  TelemetryTrack track{"insta360 trailer", -1, gps.size(), 0, 0, 0};
  if (gps.size() >= 2 && *gps.back().utc_s > *gps.front().utc_s) {
    track.gps_rate_hz = static_cast<double>(gps.size() - 1) / (*gps.back().utc_s - *gps.front().utc_s);
  }
  out.tracks.push_back(track);
  if (gps.empty()) return;
  std::optional<double> start;
  try {
    start = ParseCreationTime(ProbeVideo(path).creation_time);
  } catch (const Error&) {
  }
  if (!start) {
    out.warnings.push_back(fmt::format("{}: Insta360 GPS has no video time (no creation_time); not used",
                                       std::filesystem::path(path).filename().string()));
    return;
  }
  for (GpsFix& f : gps) {
    f.time_s = *f.utc_s - *start;
    out.gps.push_back(f);
  }
}

}  // namespace prep360
