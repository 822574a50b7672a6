#include "prep360/testing/telemetry_samples.h"

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include <fmt/format.h>

#include "prep360/testing/synthetic_video.h"

namespace prep360::testkit {
namespace {

void Append(Bytes& out, const Bytes& b) { out.insert(out.end(), b.begin(), b.end()); }

template <class T>
void Le(Bytes& out, T v) {
  const std::size_t n = out.size();
  out.resize(n + sizeof(T));
  std::memcpy(out.data() + n, &v, sizeof(T));
}

Bytes Nest(const char* fourcc, const Bytes& inner) { return GpmfItem(fourcc, 0, 1, static_cast<int>(inner.size()), inner); }

Bytes Text(const std::string& s) { return Bytes(s.begin(), s.end()); }

}  // namespace

Bytes GpmfItem(const char* fourcc, char type, int struct_size, int repeat, const Bytes& payload) {
  Bytes out(fourcc, fourcc + 4);
  out.push_back(static_cast<std::uint8_t>(type));
  out.push_back(static_cast<std::uint8_t>(struct_size));
  out.push_back(static_cast<std::uint8_t>(repeat >> 8));
  out.push_back(static_cast<std::uint8_t>(repeat & 0xff));
  Append(out, payload);
  while (out.size() % 4 != 0) out.push_back(0);
  return out;
}

Bytes Be32(const std::vector<std::int32_t>& values) {
  Bytes out;
  for (std::int32_t v : values) {
    const auto u = static_cast<std::uint32_t>(v);
    for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(u >> s));
  }
  return out;
}

Bytes Be16(const std::vector<std::int32_t>& values) {
  Bytes out;
  for (std::int32_t v : values) {
    const auto u = static_cast<std::uint16_t>(v);
    out.push_back(static_cast<std::uint8_t>(u >> 8));
    out.push_back(static_cast<std::uint8_t>(u & 0xff));
  }
  return out;
}

Bytes Gps5Payload(const std::vector<GpsRow>& rows, const std::string& gpsu, int dop_x100) {
  Bytes data;
  for (const GpsRow& r : rows) {
    Append(data, Be32({static_cast<std::int32_t>(std::lround(r.lat * 1e7)), static_cast<std::int32_t>(std::lround(r.lon * 1e7)),
                       static_cast<std::int32_t>(std::lround(r.alt * 1000)), 1500, 1600}));
  }
  Bytes strm;
  Append(strm, GpmfItem("STNM", 'c', 1, 4, Text("GPS ")));
  Append(strm, GpmfItem("SCAL", 'l', 4, 5, Be32({10000000, 10000000, 1000, 1000, 100})));
  Append(strm, GpmfItem("GPSU", 'U', 16, 1, Text(gpsu)));
  Append(strm, GpmfItem("GPSF", 'L', 4, 1, Be32({3})));
  Append(strm, GpmfItem("GPSP", 'S', 2, 1, Be16({dop_x100})));
  Append(strm, GpmfItem("GPS5", 'l', 20, static_cast<int>(rows.size()), data));
  Bytes devc = GpmfItem("DVID", 'L', 4, 1, Be32({1}));
  Append(devc, Nest("STRM", strm));
  return Nest("DEVC", devc);
}

Bytes Gps9Payload(const std::vector<GpsRow>& rows, int days, double seconds, double dop) {
  Bytes data;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const GpsRow& r = rows[i];
    Append(data, Be32({static_cast<std::int32_t>(std::lround(r.lat * 1e7)), static_cast<std::int32_t>(std::lround(r.lon * 1e7)),
                       static_cast<std::int32_t>(std::lround(r.alt * 1000)), 1500, 1600, days,
                       static_cast<std::int32_t>(std::lround(seconds * 1000))}));
    Append(data, Be16({static_cast<std::int32_t>(std::lround(dop * 100)), 3}));
  }
  Bytes strm;
  Append(strm, GpmfItem("TYPE", 'c', 1, 9, Text("lllllllSS")));
  Append(strm, GpmfItem("SCAL", 'l', 4, 9, Be32({10000000, 10000000, 1000, 1000, 100, 1, 1000, 100, 1})));
  Append(strm, GpmfItem("GPS9", '?', 32, static_cast<int>(rows.size()), data));
  return Nest("DEVC", Nest("STRM", strm));
}

Bytes GyroPayload(const std::vector<std::vector<std::int32_t>>& rows, int scale) {
  Bytes data;
  for (const auto& r : rows) Append(data, Be16(r));
  Bytes strm = GpmfItem("SCAL", 's', 2, 1, Be16({scale}));
  Append(strm, GpmfItem("GYRO", 's', 6, static_cast<int>(rows.size()), data));
  return Nest("DEVC", Nest("STRM", strm));
}

Bytes CammType5(const GpsRow& row) {
  Bytes out;
  Le<std::uint16_t>(out, 0);
  Le<std::uint16_t>(out, 5);
  Le(out, row.lat);
  Le(out, row.lon);
  Le(out, row.alt);
  return out;
}

Bytes CammType6(double gps_time, int fix, const GpsRow& row) {
  Bytes out;
  Le<std::uint16_t>(out, 0);
  Le<std::uint16_t>(out, 6);
  Le(out, gps_time);
  Le<std::int32_t>(out, fix);
  Le(out, row.lat);
  Le(out, row.lon);
  Le(out, static_cast<float>(row.alt));
  for (float v : {2.0f, 3.0f, 0.5f, 0.25f, 0.0f, 0.1f}) Le(out, v);
  return out;
}

void MuxDataTrack(const std::string& video, const std::vector<Bytes>& packets, int packet_ms, const std::string& tag,
                  const std::string& out) {
  if (packets.empty()) throw std::invalid_argument("MuxDataTrack: no packets");
  const std::string raw = out + ".data.bin";
  {
    std::ofstream f(raw, std::ios::binary);
    for (const Bytes& p : packets) {
      if (p.size() != packets[0].size()) throw std::invalid_argument("MuxDataTrack: packets differ in size");
      f.write(reinterpret_cast<const char*>(p.data()), static_cast<std::streamsize>(p.size()));
    }
  }
  RunFfmpeg({"-i", video, "-f", "data", "-raw_packet_size", std::to_string(packets[0].size()), "-i", raw, "-map",
             "0:v", "-map", "1:d", "-c", "copy", "-tag:d", "gpmd", "-bsf:d",
             fmt::format("setts=ts=N*{0}:duration={0}:time_base=1/1000", packet_ms), out});
  std::remove(raw.c_str());
  if (tag == "gpmd") return;
  // The gpmd sample entry is a plain SampleEntry, as CAMM's is: rename it in place. An stsd box
  // is size | "stsd" | version+flags | entry count | entry size | entry type.
  std::fstream f(out, std::ios::in | std::ios::out | std::ios::binary);
  std::string bytes(static_cast<std::size_t>(std::filesystem::file_size(out)), '\0');
  f.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  for (auto at = bytes.find("stsd"); at != std::string::npos; at = bytes.find("stsd", at + 4)) {
    if (bytes.compare(at + 16, 4, "gpmd") != 0) continue;
    f.seekp(static_cast<std::streamoff>(at + 16));
    f.write(tag.data(), 4);
    return;
  }
  throw std::runtime_error("MuxDataTrack: no gpmd sample entry in " + out);
}

Bytes Insta360GpsRecord(const std::vector<GpsRow>& rows, const std::vector<double>& unix_s) {
  Bytes out;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const double whole = std::floor(unix_s[i]);
    Le<std::uint64_t>(out, static_cast<std::uint64_t>(whole));
    Le<std::uint16_t>(out, static_cast<std::uint16_t>(std::lround((unix_s[i] - whole) * 1000)));
    out.push_back('A');
    Le(out, std::fabs(rows[i].lat));
    out.push_back(rows[i].lat < 0 ? 'S' : 'N');
    Le(out, std::fabs(rows[i].lon));
    out.push_back(rows[i].lon < 0 ? 'W' : 'E');
    Le(out, 1.5);   // speed
    Le(out, 90.0);  // track
    Le(out, rows[i].alt);
  }
  return out;
}

void AppendInsta360Trailer(const std::string& path, const std::vector<TrailerRecord>& records) {
  Bytes t;
  for (const TrailerRecord& r : records) {
    Append(t, r.payload);
    t.push_back(static_cast<std::uint8_t>(r.format));
    t.push_back(static_cast<std::uint8_t>(r.id));
    Le<std::uint32_t>(t, static_cast<std::uint32_t>(r.payload.size()));
  }
  const std::size_t size = t.size() + 72;
  t.insert(t.end(), 32, 0);
  Le<std::uint32_t>(t, static_cast<std::uint32_t>(size));
  Le<std::uint32_t>(t, 3);
  Append(t, Text("8db42d694ccc418790edff439fe026bf"));
  std::ofstream f(path, std::ios::binary | std::ios::app);
  f.write(reinterpret_cast<const char*>(t.data()), static_cast<std::streamsize>(t.size()));
}

}  // namespace prep360::testkit
