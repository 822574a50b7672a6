#include "prep360/telemetry/telemetry_reader.h"

extern "C" {
#include <libavformat/avformat.h>
}

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <span>

#include <fmt/format.h>

#include "prep360/telemetry/camm.h"
#include "prep360/telemetry/gpmf.h"
#include "prep360/telemetry/insta360_trailer.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct InputCloser {
  void operator()(AVFormatContext* c) const { avformat_close_input(&c); }
};
struct PacketFreer {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};

enum class Kind { kNone, kGpmf, kCamm };

Kind KindOf(const AVStream* st) {
  const std::uint32_t tag = st->codecpar->codec_tag;
  if (tag == MKTAG('g', 'p', 'm', 'd')) return Kind::kGpmf;
  if (tag == MKTAG('c', 'a', 'm', 'm')) return Kind::kCamm;
  return Kind::kNone;
}

// Start of the first video stream, seconds (the video clock's zero).
double VideoStart(const AVFormatContext* fmt) {
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const AVStream* st = fmt->streams[i];
    if (st->codecpar->codec_type == AVMEDIA_TYPE_VIDEO && (st->disposition & AV_DISPOSITION_ATTACHED_PIC) == 0) {
      return st->start_time != AV_NOPTS_VALUE ? static_cast<double>(st->start_time) * av_q2d(st->time_base) : 0.0;
    }
  }
  return 0.0;
}

double Rate(std::size_t n, double first, double last) {
  return n >= 2 && last > first ? static_cast<double>(n - 1) / (last - first) : 0.0;
}

void ReadTracks(AVFormatContext* fmt, const std::string& name, Telemetry& out) {
  std::map<int, Kind> kinds;
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    const Kind k = KindOf(fmt->streams[i]);
    if (k == Kind::kNone) {
      fmt->streams[i]->discard = AVDISCARD_ALL;
    } else {
      kinds[static_cast<int>(i)] = k;
    }
  }
  if (kinds.empty()) return;
  const double zero = VideoStart(fmt);
  std::map<int, Telemetry> per;
  std::unique_ptr<AVPacket, PacketFreer> pkt(av_packet_alloc());
  while (av_read_frame(fmt, pkt.get()) >= 0) {
    const auto it = kinds.find(pkt->stream_index);
    if (it != kinds.end() && pkt->pts != AV_NOPTS_VALUE) {
      const double tb = av_q2d(fmt->streams[pkt->stream_index]->time_base);
      const double t0 = static_cast<double>(pkt->pts) * tb - zero;
      const double t1 = t0 + static_cast<double>(pkt->duration) * tb;
      const std::span<const std::uint8_t> data(pkt->data, static_cast<std::size_t>(pkt->size));
      Telemetry& t = per[pkt->stream_index];
      if (it->second == Kind::kGpmf) {
        ParseGpmfPayload(data, t0, t1, t, name);
      } else {
        ParseCammPacket(data, t0, t, name);
      }
    }
    av_packet_unref(pkt.get());
  }
  for (auto& [index, t] : per) {
    TelemetryTrack track;
    track.format = kinds[index] == Kind::kGpmf ? "gpmf" : "camm";
    track.stream = index;
    track.gps = t.gps.size();
    track.imu = t.imu.size();
    if (!t.gps.empty()) track.gps_rate_hz = Rate(t.gps.size(), t.gps.front().time_s, t.gps.back().time_s);
    std::size_t gyro = 0;
    double g0 = 0, g1 = 0;
    for (const ImuSample& s : t.imu) {
      if (s.kind != 'g') continue;
      if (gyro++ == 0) g0 = s.time_s;
      g1 = s.time_s;
    }
    track.imu_rate_hz = Rate(gyro, g0, g1);
    out.tracks.push_back(track);
    out.gps.insert(out.gps.end(), t.gps.begin(), t.gps.end());
    out.imu.insert(out.imu.end(), t.imu.begin(), t.imu.end());
    out.warnings.insert(out.warnings.end(), t.warnings.begin(), t.warnings.end());
  }
  for (unsigned i = 0; i < fmt->nb_streams; ++i) {
    if (!kinds.count(static_cast<int>(i))) continue;
    if (!per.count(static_cast<int>(i))) {
      out.tracks.push_back({kinds[static_cast<int>(i)] == Kind::kGpmf ? "gpmf" : "camm", static_cast<int>(i), 0, 0, 0, 0});
    }
  }
}

}  // namespace

Telemetry ReadTelemetry(const std::string& path) {
  Telemetry out;
  AVFormatContext* raw = nullptr;
  if (avformat_open_input(&raw, path.c_str(), nullptr, nullptr) < 0) {
    throw FileError(path, "cannot open the file to read its telemetry");
  }
  std::unique_ptr<AVFormatContext, InputCloser> fmt(raw);
  const std::string name = std::filesystem::path(path).filename().string();
  ReadTracks(fmt.get(), name, out);
  ReadInsta360Telemetry(path, out);
  std::stable_sort(out.gps.begin(), out.gps.end(), [](const GpsFix& a, const GpsFix& b) { return a.time_s < b.time_s; });
  std::stable_sort(out.imu.begin(), out.imu.end(),
                   [](const ImuSample& a, const ImuSample& b) { return a.time_s < b.time_s; });
  return out;
}

}  // namespace prep360
