#include "prep360/telemetry/gpmf.h"

#include <cmath>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "prep360/util/utc_time.h"

namespace prep360 {
namespace {

constexpr int kMaxDepth = 8;

std::uint64_t ReadBe(const std::uint8_t* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

// Bytes of one element of GPMF type `t`; 0 for types not read here.
int TypeSize(char t) {
  switch (t) {
    case 'b': case 'B': case 'c': return 1;
    case 's': case 'S': return 2;
    case 'l': case 'L': case 'f': case 'F': case 'q': return 4;
    case 'd': case 'j': case 'J': case 'Q': return 8;
    default: return 0;
  }
}

double ReadValue(const std::uint8_t* p, char t) {
  switch (t) {
    case 'b': return static_cast<std::int8_t>(p[0]);
    case 'B': case 'c': return p[0];
    case 's': return static_cast<std::int16_t>(ReadBe(p, 2));
    case 'S': return static_cast<double>(ReadBe(p, 2));
    case 'l': return static_cast<std::int32_t>(ReadBe(p, 4));
    case 'L': case 'F': return static_cast<double>(ReadBe(p, 4));
    case 'q': return static_cast<std::int32_t>(ReadBe(p, 4)) / 65536.0;
    case 'f': {
      const auto bits = static_cast<std::uint32_t>(ReadBe(p, 4));
      float f;
      std::memcpy(&f, &bits, 4);
      return f;
    }
    case 'd': {
      const std::uint64_t bits = ReadBe(p, 8);
      double d;
      std::memcpy(&d, &bits, 8);
      return d;
    }
    case 'j': return static_cast<double>(static_cast<std::int64_t>(ReadBe(p, 8)));
    case 'J': return static_cast<double>(ReadBe(p, 8));
    case 'Q': return static_cast<double>(static_cast<std::int64_t>(ReadBe(p, 8))) / 4294967296.0;
    default: return 0;
  }
}

struct Item {
  char fourcc[5] = {};
  char type = 0;
  int struct_size = 0, repeat = 0;
  std::span<const std::uint8_t> payload;
  bool Is(const char* k) const { return std::memcmp(fourcc, k, 4) == 0; }
};

// What one STRM nest has told so far.
struct StreamState {
  std::vector<double> scal;
  std::string type;  // element types of a '?' struct
  std::optional<double> gpsu;
  std::optional<int> gpsf;
  std::optional<double> gpsp;
  std::vector<std::vector<double>> gps5;  // rows, scaled
};

// Rows of the item's elements, SCAL applied; empty when the layout is not understood.
std::vector<std::vector<double>> Rows(const Item& it, const StreamState& st) {
  std::string types;
  if (it.type == '?') {
    types = st.type;
  } else if (const int size = TypeSize(it.type); size > 0 && it.struct_size % size == 0) {
    types.assign(static_cast<std::size_t>(it.struct_size / size), it.type);
  }
  int bytes = 0;
  for (char t : types) bytes += TypeSize(t);
  if (types.empty() || bytes != it.struct_size) return {};
  std::vector<std::vector<double>> rows;
  for (int r = 0; r < it.repeat; ++r) {
    const std::uint8_t* p = it.payload.data() + static_cast<std::size_t>(r) * static_cast<std::size_t>(it.struct_size);
    std::vector<double> row;
    for (std::size_t e = 0; e < types.size(); ++e) {
      double v = ReadValue(p, types[e]);
      p += TypeSize(types[e]);
      const double s = st.scal.size() == types.size() ? st.scal[e] : st.scal.size() == 1 ? st.scal[0] : 1.0;
      row.push_back(s != 0 ? v / s : v);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// GPSU "yymmddhhmmss.sss" -> Unix seconds.
std::optional<double> ParseGpsu(std::span<const std::uint8_t> p) {
  if (p.size() < 16) return std::nullopt;
  const std::string s(reinterpret_cast<const char*>(p.data()), 16);
  try {
    return UnixSeconds(2000 + std::stoi(s.substr(0, 2)), std::stoi(s.substr(2, 2)), std::stoi(s.substr(4, 2)),
                       std::stoi(s.substr(6, 2)), std::stoi(s.substr(8, 2)), std::stod(s.substr(10, 6)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

double SampleTime(double t0, double t1, std::size_t i, std::size_t n) {
  return t0 + (t1 - t0) * static_cast<double>(i) / static_cast<double>(n);
}

void EmitGps5(const StreamState& st, double t0, double t1, Telemetry& out) {
  if (st.gpsf && *st.gpsf < 2) return;  // no lock
  const std::size_t n = st.gps5.size();
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = st.gps5[i];
    GpsFix f;
    f.time_s = SampleTime(t0, t1, i, n);
    f.latitude_deg = r[0];
    f.longitude_deg = r[1];
    f.altitude_m = r[2];
    f.speed_mps = r[3];
    f.dop = st.gpsp;
    if (st.gpsu) f.utc_s = *st.gpsu + (f.time_s - t0);
    out.gps.push_back(f);
  }
}

void EmitGps9(const std::vector<std::vector<double>>& rows, double t0, double t1, Telemetry& out) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& r = rows[i];
    if (r.size() < 9 || r[8] < 2) continue;  // no 2D/3D fix
    GpsFix f;
    f.time_s = SampleTime(t0, t1, i, rows.size());
    f.latitude_deg = r[0];
    f.longitude_deg = r[1];
    f.altitude_m = r[2];
    f.speed_mps = r[3];
    f.utc_s = UnixSeconds(2000, 1, 1, 0, 0, 0) + r[5] * 86400.0 + r[6];
    f.dop = r[7];
    out.gps.push_back(f);
  }
}

void EmitImu(const std::vector<std::vector<double>>& rows, char kind, double t0, double t1, Telemetry& out) {
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() < 3) return;
    out.imu.push_back({SampleTime(t0, t1, i, rows.size()), kind, rows[i][0], rows[i][1], rows[i][2]});
  }
}

void HandleItem(const Item& it, StreamState& st, double t0, double t1, Telemetry& out) {
  if (it.Is("SCAL")) {
    st.scal.clear();
    const int size = TypeSize(it.type);
    const int n = size > 0 ? it.struct_size / size * it.repeat : 0;
    for (int i = 0; i < n; ++i) st.scal.push_back(ReadValue(it.payload.data() + i * size, it.type));
  } else if (it.Is("TYPE")) {
    st.type.assign(reinterpret_cast<const char*>(it.payload.data()), it.payload.size());
    st.type.erase(st.type.find_last_not_of('\0') + 1);
  } else if (it.Is("GPSU")) {
    st.gpsu = ParseGpsu(it.payload);
  } else if (it.Is("GPSF") && TypeSize(it.type) > 0) {
    st.gpsf = static_cast<int>(ReadValue(it.payload.data(), it.type));
  } else if (it.Is("GPSP") && TypeSize(it.type) > 0) {
    st.gpsp = ReadValue(it.payload.data(), it.type) / 100.0;
  } else if (it.Is("GPS5")) {
    st.gps5 = Rows(it, st);
    if (!st.gps5.empty() && st.gps5[0].size() < 5) st.gps5.clear();
  } else if (it.Is("GPS9")) {
    EmitGps9(Rows(it, st), t0, t1, out);
  } else if (it.Is("GYRO")) {
    EmitImu(Rows(it, st), 'g', t0, t1, out);
  } else if (it.Is("ACCL")) {
    EmitImu(Rows(it, st), 'a', t0, t1, out);
  }
}

// False when the data is damaged (a warning is added).
bool ParseLevel(std::span<const std::uint8_t> data, double t0, double t1, Telemetry& out, const std::string& name,
                int depth) {
  StreamState st;
  std::size_t pos = 0;
  bool ok = true;
  while (ok && pos + 8 <= data.size()) {
    Item it;
    std::memcpy(it.fourcc, data.data() + pos, 4);
    it.type = static_cast<char>(data[pos + 4]);
    it.struct_size = data[pos + 5];
    it.repeat = static_cast<int>(ReadBe(data.data() + pos + 6, 2));
    const std::size_t len = static_cast<std::size_t>(it.struct_size) * static_cast<std::size_t>(it.repeat);
    const std::size_t padded = (len + 3) & ~std::size_t{3};
    if (pos + 8 + len > data.size()) {
      out.warnings.push_back(fmt::format("{}: GPMF item {} runs past its payload; rest skipped", name, it.fourcc));
      return false;
    }
    it.payload = data.subspan(pos + 8, len);
    if (it.type == 0) {
      ok = depth < kMaxDepth && ParseLevel(it.payload, t0, t1, out, name, depth + 1);
    } else {
      HandleItem(it, st, t0, t1, out);
    }
    pos += 8 + std::min(padded, data.size() - pos - 8);
  }
  EmitGps5(st, t0, t1, out);
  return ok;
}

}  // namespace

void ParseGpmfPayload(std::span<const std::uint8_t> data, double t0, double t1, Telemetry& out,
                      const std::string& name) {
  ParseLevel(data, t0, t1, out, name, 0);
}

}  // namespace prep360
