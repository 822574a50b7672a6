#include "prep360/testing/synthetic_video.h"

#include <csignal>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <utility>

extern "C" {
#include <libavformat/avformat.h>
}

#include <algorithm>

#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/temp_dir.h"

namespace prep360::testkit {
namespace {

bool Is16Bit(const std::string& pixel_format) {
  return pixel_format.find("10") != std::string::npos || pixel_format.find("12") != std::string::npos ||
         pixel_format.find("16") != std::string::npos;
}

// Renders are the slow part (supersampled scene); every frame of a video is a shifted/blurred
// copy of one render, cached per size.
const Image& BaseRender(int width, int height, int bytes_per_sample) {
  static std::mutex mutex;
  static std::map<std::tuple<int, int, int>, Image> cache;
  std::lock_guard<std::mutex> lock(mutex);
  auto key = std::make_tuple(width, height, bytes_per_sample);
  auto it = cache.find(key);
  if (it == cache.end()) {
    it = cache.emplace(key, RenderEquirect(width, height, 3, bytes_per_sample)).first;
  }
  return it->second;
}

// Separable box blur, wrapping horizontally (the equirect seam) and clamping vertically.
Image BoxBlur(const Image& src, int radius) {
  const int w = src.width(), h = src.height(), ch = src.channels();
  Image tmp(w, h, ch, src.bytes_per_sample());
  Image out(w, h, ch, src.bytes_per_sample());
  const double n = 2 * radius + 1;
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < ch; ++c) {
        double sum = 0;
        for (int k = -radius; k <= radius; ++k) sum += src.At(((x + k) % w + w) % w, y, c);
        tmp.Set(x, y, c, static_cast<std::uint32_t>(std::lround(sum / n)));
      }
    }
  }
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      for (int c = 0; c < ch; ++c) {
        double sum = 0;
        for (int k = -radius; k <= radius; ++k) sum += tmp.At(x, std::clamp(y + k, 0, h - 1), c);
        out.Set(x, y, c, static_cast<std::uint32_t>(std::lround(sum / n)));
      }
    }
  }
  return out;
}

std::string ShellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') {
      q += "'\\''";
    } else {
      q += c;
    }
  }
  return q + "'";
}

void RequireFfmpeg() {
  if (std::system("command -v ffmpeg >/dev/null 2>&1") != 0) {
    throw std::runtime_error("the ffmpeg CLI is not on PATH (install ffmpeg)");
  }
}

}  // namespace

Image RenderSyntheticFrame(const SyntheticVideoOptions& options, int frame, int bytes_per_sample) {
  if (options.render) return options.render(frame, bytes_per_sample);
  const Image& base = BaseRender(options.width, options.height, bytes_per_sample);
  const int w = base.width(), h = base.height();
  const double yaw = options.yaw_deg ? options.yaw_deg(frame) : 0.0;
  const long shift = ((std::lround(yaw * w / 360.0) % w) + w) % w;
  Image out(w, h, 3, bytes_per_sample);
  const std::size_t bpp = base.bytes_per_pixel();
  for (int y = 0; y < h; ++y) {
    // out(x) = base(x + shift): turning right moves the content left.
    const std::size_t head = static_cast<std::size_t>(w - shift) * bpp;
    std::memcpy(out.Row(y), base.Row(y) + static_cast<std::size_t>(shift) * bpp, head);
    std::memcpy(out.Row(y) + head, base.Row(y), static_cast<std::size_t>(shift) * bpp);
  }
  const int radius = options.blur_radius ? options.blur_radius(frame) : 0;
  return radius > 0 ? BoxBlur(out, radius) : std::move(out);
}

std::vector<std::int64_t> FramesBeforeCut(const std::string& path, std::int64_t bytes) {
  AVFormatContext* ctx = nullptr;
  if (avformat_open_input(&ctx, path.c_str(), nullptr, nullptr) < 0 ||
      avformat_find_stream_info(ctx, nullptr) < 0) {
    avformat_close_input(&ctx);
    throw std::runtime_error("FramesBeforeCut: cannot open " + path);
  }
  const int stream = av_find_best_stream(ctx, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
  std::vector<std::int64_t> pts;  // every packet, decode order
  std::size_t whole = 0;          // packets before the first one cut
  bool cut = false;
  AVPacket* p = av_packet_alloc();
  while (av_read_frame(ctx, p) >= 0) {
    if (p->stream_index == stream) {
      cut = cut || p->pos < 0 || p->pos + p->size > bytes;
      pts.push_back(p->pts);
      if (!cut) whole = pts.size();
    }
    av_packet_unref(p);
  }
  av_packet_free(&p);
  avformat_close_input(&ctx);
  std::vector<std::int64_t> sorted = pts;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::int64_t> indices;
  for (std::size_t i = 0; i < whole; ++i) {
    indices.push_back(std::lower_bound(sorted.begin(), sorted.end(), pts[i]) - sorted.begin());
  }
  std::sort(indices.begin(), indices.end());
  return indices;
}

Image RotateClockwise(const Image& image, int rotation_deg) {
  const int w = image.width(), h = image.height();
  const bool swap = rotation_deg == 90 || rotation_deg == 270;
  Image out(swap ? h : w, swap ? w : h, image.channels(), image.bytes_per_sample());
  for (int y = 0; y < h; ++y) {
    for (int x = 0; x < w; ++x) {
      int dx = x, dy = y;
      if (rotation_deg == 90) {
        dx = h - 1 - y;
        dy = x;
      } else if (rotation_deg == 180) {
        dx = w - 1 - x;
        dy = h - 1 - y;
      } else if (rotation_deg == 270) {
        dx = y;
        dy = w - 1 - x;
      }
      for (int c = 0; c < image.channels(); ++c) out.Set(dx, dy, c, image.At(x, y, c));
    }
  }
  return out;
}

void RunFfmpeg(const std::vector<std::string>& args) {
  RequireFfmpeg();
  const TempDir dir;
  const std::string log = dir / "ffmpeg.log";
  std::string cmd = "ffmpeg -nostdin -hide_banner -loglevel error -y";
  for (const std::string& a : args) {
    cmd += ' ';
    cmd += ShellQuote(a);
  }
  if (std::system((cmd + " 2>" + ShellQuote(log)).c_str()) != 0) {
    std::ifstream log_in(log);
    std::stringstream text;
    text << log_in.rdbuf();
    throw std::runtime_error("RunFfmpeg: " + text.str() + " (command: " + cmd + ")");
  }
}

void WriteSyntheticVideo(const std::string& path, const SyntheticVideoOptions& options) {
  RequireFfmpeg();
  // A dying ffmpeg must surface as its error message, not kill the test with SIGPIPE.
  std::signal(SIGPIPE, SIG_IGN);
  const bool deep = Is16Bit(options.pixel_format);
  const int bps = deep ? 2 : 1;
  std::string filter = "scale=out_color_matrix=bt709:out_range=tv";
  if (!options.filter.empty()) filter += "," + options.filter;
  std::ostringstream cmd;
  cmd << "ffmpeg -nostdin -hide_banner -loglevel error -y -f rawvideo -pix_fmt "
      << (deep ? "rgb48le" : "rgb24") << " -s " << options.width << "x" << options.height << " -framerate "
      << options.fps << " -i - -c:v " << ShellQuote(options.codec) << " -pix_fmt "
      << ShellQuote(options.pixel_format)
      // Tag and convert as BT.709 (what cameras write), so readers must honour the tags.
      << " -vf " << ShellQuote(filter)
      << " -colorspace bt709 -color_primaries bt709 -color_trc bt709 -color_range tv";
  if (options.crf >= 0) cmd << " -crf " << options.crf;
  if (options.codec == "libaom-av1") cmd << " -cpu-used 8 -row-mt 1";
  if (options.codec == "libx265") cmd << " -x265-params log-level=error";
  if (options.gop > 0) cmd << " -g " << options.gop;
  if (!options.creation_time.empty()) cmd << " -metadata creation_time=" << ShellQuote(options.creation_time);
  for (const std::string& a : options.extra_args) cmd << " " << ShellQuote(a);
  const std::string log = path + ".ffmpeg.log";
  // ffmpeg 5.1 writes the display matrix from the "rotate" tag only when stream-copying, so a
  // rotated video is encoded first and remuxed with the tag second.
  const std::string encoded = options.rotation_deg != 0 ? path + ".unrotated.mkv" : path;
  cmd << " " << ShellQuote(encoded) << " 2>" << ShellQuote(log);
  if (options.rotation_deg != 0) {
    // The tag is counter-clockwise here (FFmpeg's autorotate turns rotate=90 counter-clockwise).
    const int tag = (360 - options.rotation_deg % 360) % 360;
    cmd << " && ffmpeg -nostdin -hide_banner -loglevel error -y -i " << ShellQuote(encoded)
        << " -c copy -map_metadata 0 -metadata:s:v:0 rotate=" << tag << " " << ShellQuote(path) << " 2>>"
        << ShellQuote(log) << " && rm -f " << ShellQuote(encoded);
  }

  FILE* pipe = popen(cmd.str().c_str(), "w");
  if (pipe == nullptr) throw std::runtime_error("WriteSyntheticVideo: cannot start ffmpeg");
  bool write_ok = true;
  for (int i = 0; i < options.frame_count && write_ok; ++i) {
    const Image frame = RenderSyntheticFrame(options, i, bps);
    for (int y = 0; y < frame.height() && write_ok; ++y) {
      const std::size_t bytes = static_cast<std::size_t>(frame.width()) * frame.bytes_per_pixel();
      write_ok = std::fwrite(frame.Row(y), 1, bytes, pipe) == bytes;  // native order = le on x86/arm
    }
  }
  const int status = pclose(pipe);
  std::ifstream log_in(log);
  std::stringstream log_text;
  log_text << log_in.rdbuf();
  std::remove(log.c_str());
  if (!write_ok || status != 0) {
    throw std::runtime_error("WriteSyntheticVideo: ffmpeg failed writing " + path + ": " + log_text.str() +
                             " (command: " + cmd.str() + ")");
  }
}

}  // namespace prep360::testkit
