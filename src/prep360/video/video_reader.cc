#include "prep360/video/video_reader.h"

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/display.h>
#include <libavutil/error.h>
#include <libavutil/hwcontext.h>
#include <libavutil/pixdesc.h>
#include <libavutil/spherical.h>
#include <libswscale/swscale.h>
}

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>
#include <optional>
#include <utility>

#include "prep360/util/error.h"
#include "prep360/video/cuda_decode.h"
#include "prep360/video/frame_index.h"
#include "prep360/video/mp4_index_check.h"

namespace prep360 {
namespace {

// AVERROR_EOF and friends are macros with C casts; these spell the same values without them.
constexpr int MakeTagError(char a, char b, char c, char d) {
  return -static_cast<int>(static_cast<unsigned>(a) | (static_cast<unsigned>(b) << 8) |
                           (static_cast<unsigned>(c) << 16) | (static_cast<unsigned>(d) << 24));
}
constexpr int kAvErrorEof = MakeTagError('E', 'O', 'F', ' ');
constexpr int kAvErrorAgain = -EAGAIN;
constexpr int kAvErrorInvalidData = MakeTagError('I', 'N', 'D', 'A');

// av_err2str is a C99 compound literal; this is its C++ spelling.
std::string AvErrorText(int err) {
  char buf[AV_ERROR_MAX_STRING_SIZE] = {};
  av_strerror(err, buf, sizeof buf);
  return buf;
}

double ToSeconds(std::int64_t ts, AVRational tb) { return static_cast<double>(ts) * av_q2d(tb); }

// Display rotation as the clockwise angle the picture must be turned by to be shown upright
// (FFmpeg's own autorotate convention): 0, 90, 180 or 270.
int DisplayRotation(const AVStream* st) {
  size_t size = 0;
  const std::uint8_t* matrix = av_stream_get_side_data(st, AV_PKT_DATA_DISPLAYMATRIX, &size);
  if (matrix == nullptr || size < 9 * sizeof(std::int32_t)) return 0;
  std::int32_t m[9];
  std::memcpy(m, matrix, sizeof m);
  const double ccw = av_display_rotation_get(m);
  if (std::isnan(ccw)) return 0;
  long deg = std::lround(-ccw / 90.0) * 90;
  deg %= 360;
  if (deg < 0) deg += 360;
  return static_cast<int>(deg);
}

void ReadSpherical(const AVStream* st, VideoStreamInfo& info) {
  size_t size = 0;
  const std::uint8_t* data = av_stream_get_side_data(st, AV_PKT_DATA_SPHERICAL, &size);
  if (data == nullptr || size < sizeof(AVSphericalMapping)) return;
  AVSphericalMapping mapping;
  std::memcpy(&mapping, data, sizeof mapping);
  const char* name = av_spherical_projection_name(mapping.projection);
  info.spherical = name != nullptr ? name : "unknown";
  // yaw/pitch/roll are 16.16 fixed point degrees.
  info.spherical_yaw_deg = mapping.yaw / 65536.0;
  info.spherical_pitch_deg = mapping.pitch / 65536.0;
  info.spherical_roll_deg = mapping.roll / 65536.0;
}

std::string MetadataValue(const AVDictionary* dict, const char* key) {
  const AVDictionaryEntry* e = av_dict_get(dict, key, nullptr, 0);
  return e != nullptr && e->value != nullptr ? e->value : "";
}

struct FormatContextCloser {
  void operator()(AVFormatContext* ctx) const { avformat_close_input(&ctx); }
};
using FormatContextPtr = std::unique_ptr<AVFormatContext, FormatContextCloser>;

struct CodecContextFreer {
  void operator()(AVCodecContext* ctx) const { avcodec_free_context(&ctx); }
};
using CodecContextPtr = std::unique_ptr<AVCodecContext, CodecContextFreer>;

struct PacketFreer {
  void operator()(AVPacket* p) const { av_packet_free(&p); }
};
struct FrameFreer {
  void operator()(AVFrame* f) const { av_frame_free(&f); }
};

// Opens the container and reads its stream information. Throws NotVideoError when libavformat
// does not recognise the file, FileError when it is missing or an MP4/MOV without its index.
void OpenContainer(const std::string& path, FormatContextPtr& fmt_ctx) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw FileError(path, "no such file");
  if (std::filesystem::is_directory(path, ec)) throw FileError(path, "is a directory, not a video file");
  auto fail = [&path](int err) {
    if (IsMp4WithoutIndex(path)) {
      throw FileError(path,
                      "incomplete video: no index (moov atom) found, the file was probably cut short; "
                      "it cannot be read");
    }
    throw NotVideoError(path + ": not a video file (" + AvErrorText(err) + ")");
  };
  AVFormatContext* raw = nullptr;
  int err = avformat_open_input(&raw, path.c_str(), nullptr, nullptr);
  if (err < 0) fail(err);
  fmt_ctx.reset(raw);
  err = avformat_find_stream_info(raw, nullptr);
  if (err < 0) fail(err);
}

VideoStreamInfo DescribeStream(const AVStream* st) {
  const AVCodecParameters* par = st->codecpar;
  VideoStreamInfo s;
  s.index = st->index;
  s.codec = avcodec_get_name(par->codec_id);
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(static_cast<AVPixelFormat>(par->format));
  s.pixel_format = desc != nullptr ? desc->name : "";
  s.bit_depth = desc != nullptr ? desc->comp[0].depth : 8;
  s.rotation_deg = DisplayRotation(st);
  const bool swap = s.rotation_deg == 90 || s.rotation_deg == 270;
  s.width = swap ? par->height : par->width;
  s.height = swap ? par->width : par->height;
  AVRational rate = st->avg_frame_rate;
  if (rate.num <= 0 || rate.den <= 0) rate = st->r_frame_rate;
  s.fps = rate.num > 0 && rate.den > 0 ? av_q2d(rate) : 0;
  ReadSpherical(st, s);
  return s;
}

// Every video stream but cover pictures (attached pictures are single images, not video).
std::vector<VideoStreamInfo> VideoStreams(const AVFormatContext* ctx) {
  std::vector<VideoStreamInfo> streams;
  for (unsigned i = 0; i < ctx->nb_streams; ++i) {
    const AVStream* st = ctx->streams[i];
    if (st->codecpar->codec_type != AVMEDIA_TYPE_VIDEO ||
        (st->disposition & AV_DISPOSITION_ATTACHED_PIC) != 0) {
      continue;
    }
    streams.push_back(DescribeStream(st));
  }
  return streams;
}

// Fills `info` for the video stream at `pick` in info.video_streams.
void FillInfo(const std::string& path, const AVFormatContext* ctx, int pick, VideoInfo& info) {
  const VideoStreamInfo& s = info.video_streams[static_cast<std::size_t>(pick)];
  const AVStream* st = ctx->streams[s.index];
  info.path = path;
  info.container = ctx->iformat != nullptr && ctx->iformat->name != nullptr ? ctx->iformat->name : "";
  info.stream = s.index;
  info.codec = s.codec;
  info.pixel_format = s.pixel_format;
  info.bit_depth = s.bit_depth;
  info.rotation_deg = s.rotation_deg;
  info.width = s.width;
  info.height = s.height;
  info.fps = s.fps;
  info.spherical = s.spherical;
  info.spherical_yaw_deg = s.spherical_yaw_deg;
  info.spherical_pitch_deg = s.spherical_pitch_deg;
  info.spherical_roll_deg = s.spherical_roll_deg;
  if (st->duration > 0 && st->duration != AV_NOPTS_VALUE) {
    info.duration_s = ToSeconds(st->duration, st->time_base);
  } else if (ctx->duration > 0 && ctx->duration != AV_NOPTS_VALUE) {
    info.duration_s = static_cast<double>(ctx->duration) / AV_TIME_BASE;
  }
  info.frame_count = st->nb_frames > 0 ? st->nb_frames : std::llround(info.duration_s * info.fps);
  info.creation_time = MetadataValue(ctx->metadata, "creation_time");
  if (info.creation_time.empty()) info.creation_time = MetadataValue(st->metadata, "creation_time");
  info.bitrate = ctx->bit_rate > 0 ? ctx->bit_rate : st->codecpar->bit_rate;
}

// Opens the file and picks the video stream: `requested` (a container stream index) or the
// automatic choice. Strict: throws when none qualifies (ChooseVideoStream); otherwise falls back
// to the first video stream. Returns the stream's container index.
int OpenVideo(const std::string& path, int requested, bool strict, FormatContextPtr& fmt_ctx,
              VideoInfo& info) {
  OpenContainer(path, fmt_ctx);
  info.video_streams = VideoStreams(fmt_ctx.get());
  if (info.video_streams.empty()) throw FileError(path, "no video stream");
  int pick = strict ? ChooseVideoStream(path, info.video_streams, requested)
                    : PickVideoStream(info.video_streams, requested);
  if (pick < 0) pick = 0;
  FillInfo(path, fmt_ctx.get(), pick, info);
  return info.stream;
}

// swscale understands the deprecated full-range "yuvj" formats only with a warning; map them
// to the plain format plus an explicit full range.
AVPixelFormat PlainFormat(AVPixelFormat f, bool& full_range) {
  switch (f) {
    case AV_PIX_FMT_YUVJ420P: full_range = true; return AV_PIX_FMT_YUV420P;
    case AV_PIX_FMT_YUVJ422P: full_range = true; return AV_PIX_FMT_YUV422P;
    case AV_PIX_FMT_YUVJ444P: full_range = true; return AV_PIX_FMT_YUV444P;
    case AV_PIX_FMT_YUVJ440P: full_range = true; return AV_PIX_FMT_YUV440P;
    case AV_PIX_FMT_YUVJ411P: full_range = true; return AV_PIX_FMT_YUV411P;
    default: return f;
  }
}

// The YCbCr matrix swscale should invert. Untagged streams follow the usual rule: BT.709 for HD
// and larger (every 360° camera), BT.601 below.
int SwsColorspace(const AVFrame* f) {
  switch (f->colorspace) {
    case AVCOL_SPC_BT709: return SWS_CS_ITU709;
    case AVCOL_SPC_FCC: return SWS_CS_FCC;
    case AVCOL_SPC_BT470BG:
    case AVCOL_SPC_SMPTE170M: return SWS_CS_ITU601;
    case AVCOL_SPC_SMPTE240M: return SWS_CS_SMPTE240M;
    case AVCOL_SPC_BT2020_NCL:
    case AVCOL_SPC_BT2020_CL: return SWS_CS_BT2020;
    default: return f->height >= 720 || f->width >= 1280 ? SWS_CS_ITU709 : SWS_CS_ITU601;
  }
}

// The luma weights (kr, kb) of the matrix SwsColorspace picks, for the GPU's own conversion.
void MatrixWeights(const AVFrame* f, double& kr, double& kb) {
  switch (SwsColorspace(f)) {
    case SWS_CS_FCC: kr = 0.30, kb = 0.11; return;
    case SWS_CS_ITU601: kr = 0.299, kb = 0.114; return;
    case SWS_CS_SMPTE240M: kr = 0.212, kb = 0.087; return;
    case SWS_CS_BT2020: kr = 0.2627, kb = 0.0593; return;
    default: kr = 0.2126, kb = 0.0722; return;  // BT.709
  }
}

// The frame in host memory: `f` itself, or for a frame decoded on the GPU a copy in `holder`.
const AVFrame* HostFrame(const AVFrame* f, std::unique_ptr<AVFrame, FrameFreer>& holder) {
  if (f->format != AV_PIX_FMT_CUDA) return f;
  holder.reset(av_frame_alloc());
  if (holder == nullptr || av_hwframe_transfer_data(holder.get(), f, 0) < 0 || av_frame_copy_props(holder.get(), f) < 0) {
    throw Error("VideoFrame: cannot copy a frame decoded on the GPU to the host");
  }
  return holder.get();
}

// One swscale context per thread, reused while the conversion stays the same (every frame of a
// video): ToImage runs concurrently on several threads.
class ThreadScaler {
 public:
  ~ThreadScaler() { sws_freeContext(ctx_); }
  SwsContext* Get(int w, int h, AVPixelFormat src, AVPixelFormat dst, int colorspace, bool full_range) {
    // Full chroma interpolation keeps colour edges sharp.
    // SWS_ACCURATE_RND would disable swscale's SIMD path for 8-bit sources (5.7K frame: 6 ms ->
    // 230 ms), so it is used only for deeper sources, whose conversion is plain C anyway.
    const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(src);
    const bool deep = desc != nullptr && desc->comp[0].depth > 8;
    // Deep sources also take bicubic chroma upsampling (+4 dB against the rendered truth).
    const int flags = SWS_FULL_CHR_H_INT | (deep ? SWS_BICUBIC | SWS_ACCURATE_RND : SWS_BILINEAR);
    const Key key{w, h, src, dst, flags};
    // A new context (another conversion) may reuse the freed one's address, so the key, not the
    // pointer, tells whether the colour details are already set.
    const bool same = ctx_ != nullptr && key == key_;
    SwsContext* ctx =
        same ? ctx_ : sws_getCachedContext(ctx_, w, h, src, w, h, dst, flags, nullptr, nullptr, nullptr);
    ctx_ = ctx;
    if (ctx == nullptr) return nullptr;
    if (!same || colorspace != colorspace_ || full_range != full_range_) {
      const int* coeffs = sws_getCoefficients(colorspace);
      sws_setColorspaceDetails(ctx, coeffs, full_range ? 1 : 0, sws_getCoefficients(SWS_CS_DEFAULT), 1, 0,
                               1 << 16, 1 << 16);
      key_ = key;
      colorspace_ = colorspace;
      full_range_ = full_range;
    }
    return ctx;
  }

 private:
  struct Key {
    int w = 0, h = 0;
    AVPixelFormat src = AV_PIX_FMT_NONE, dst = AV_PIX_FMT_NONE;
    int flags = 0;
    bool operator==(const Key&) const = default;
  };
  SwsContext* ctx_ = nullptr;
  Key key_;
  int colorspace_ = -1;
  bool full_range_ = false;
};

// Copies `src` (interleaved RGB, 3 or 6 bytes per pixel) into `dst` turned clockwise by
// `rotation_deg`.
void RotateInto(const Image& src, int rotation_deg, Image& dst) {
  const std::size_t bpp = src.bytes_per_pixel();
  const int w = src.width(), h = src.height();
  for (int y = 0; y < h; ++y) {
    const std::uint8_t* s = src.Row(y);
    for (int x = 0; x < w; ++x, s += bpp) {
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
      std::memcpy(dst.PixelPtr(dx, dy), s, bpp);
    }
  }
}

// The luma plane of planar/semi-planar YUV formats, which Luma() averages directly.
bool HasPlainLumaPlane(const AVPixFmtDescriptor* d) {
  if (d == nullptr || (d->flags & (AV_PIX_FMT_FLAG_RGB | AV_PIX_FMT_FLAG_PAL | AV_PIX_FMT_FLAG_BITSTREAM |
                                   AV_PIX_FMT_FLAG_HWACCEL | AV_PIX_FMT_FLAG_BE)) != 0) {
    return false;
  }
  if (d->comp[0].plane != 0 || d->comp[0].offset != 0 || d->comp[0].shift != 0) return false;
  const int bytes = d->comp[0].depth > 8 ? 2 : 1;
  if (d->comp[0].step != bytes) return false;
  for (int c = 1; c < d->nb_components; ++c) {
    if (d->comp[c].plane == 0) return false;
  }
  return true;
}

}  // namespace

struct VideoFrame::Impl {
  std::unique_ptr<AVFrame, FrameFreer> frame;
  int rotation_deg = 0;
};

VideoFrame::VideoFrame() = default;
VideoFrame::~VideoFrame() = default;
VideoFrame::VideoFrame(VideoFrame&&) noexcept = default;
VideoFrame& VideoFrame::operator=(VideoFrame&&) noexcept = default;

bool VideoFrame::empty() const { return impl_ == nullptr || impl_->frame == nullptr; }

LumaThumbnail VideoFrame::Luma(int width) const {
  if (empty()) throw Error("VideoFrame::Luma: empty frame");
  std::unique_ptr<AVFrame, FrameFreer> host;
  const AVFrame* f = HostFrame(impl_->frame.get(), host);
  const int sw = f->width, sh = f->height;
  LumaThumbnail out;
  out.width = std::clamp(width, 1, sw);
  out.height = std::max(1, static_cast<int>(std::lround(static_cast<double>(sh) * out.width / sw)));
  out.pixels.assign(static_cast<std::size_t>(out.width) * static_cast<std::size_t>(out.height), 0);

  const auto format = static_cast<AVPixelFormat>(f->format);
  const AVPixFmtDescriptor* desc = av_pix_fmt_desc_get(format);
  if (!HasPlainLumaPlane(desc)) {
    // Anything else (RGB, packed YUV): let swscale produce the grey thumbnail.
    SwsContext* ctx = sws_getContext(sw, sh, format, out.width, out.height, AV_PIX_FMT_GRAY8, SWS_AREA, nullptr,
                                     nullptr, nullptr);
    if (ctx == nullptr) throw Error("VideoFrame::Luma: unsupported pixel format");
    std::uint8_t* dst[4] = {out.pixels.data(), nullptr, nullptr, nullptr};
    int dst_stride[4] = {out.width, 0, 0, 0};
    sws_scale(ctx, f->data, f->linesize, 0, sh, dst, dst_stride);
    sws_freeContext(ctx);
    return out;
  }

  // Box average: output pixel (x, y) is the mean of source columns [x*sw/w, (x+1)*sw/w) and rows
  // likewise. Rows are summed into column sums first (a vectorisable loop over the whole
  // plane), then each output row reduces the column sums.
  const int depth = desc->comp[0].depth;
  const int shift = depth - 8;
  std::vector<std::uint32_t> col_sum(static_cast<std::size_t>(sw));
  std::vector<int> x0(static_cast<std::size_t>(out.width) + 1);
  for (int x = 0; x <= out.width; ++x) {
    x0[static_cast<std::size_t>(x)] =
        static_cast<int>(static_cast<std::int64_t>(x) * sw / out.width);
  }
  std::uint32_t* __restrict sums = col_sum.data();
  for (int y = 0; y < out.height; ++y) {
    const int ya = static_cast<int>(static_cast<std::int64_t>(y) * sh / out.height);
    const int yb = std::max(ya + 1, static_cast<int>(static_cast<std::int64_t>(y + 1) * sh / out.height));
    std::fill(col_sum.begin(), col_sum.end(), 0u);
    for (int sy = ya; sy < yb; ++sy) {
      const std::uint8_t* row = f->data[0] + static_cast<std::ptrdiff_t>(sy) * f->linesize[0];
      // Restrict-qualified so the compiler vectorises (a byte pointer may otherwise alias the sums).
      if (depth > 8) {
        const std::uint16_t* __restrict r16 = reinterpret_cast<const std::uint16_t*>(row);
        for (int x = 0; x < sw; ++x) sums[x] += r16[x];
      } else {
        const std::uint8_t* __restrict r8 = row;
        for (int x = 0; x < sw; ++x) sums[x] += r8[x];
      }
    }
    std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(out.width);
    for (int x = 0; x < out.width; ++x) {
      const int xa = x0[static_cast<std::size_t>(x)];
      const int xb = std::max(xa + 1, x0[static_cast<std::size_t>(x) + 1]);
      std::uint64_t sum = 0;
      for (int sx = xa; sx < xb; ++sx) sum += col_sum[static_cast<std::size_t>(sx)];
      const std::uint64_t n = static_cast<std::uint64_t>(xb - xa) * static_cast<std::uint64_t>(yb - ya);
      const std::uint64_t mean = (sum + n / 2) / n;
      dst[x] = static_cast<std::uint8_t>(std::min<std::uint64_t>(255, mean >> shift));
    }
  }
  return out;
}

Image VideoFrame::ToImage(int bytes_per_sample, int border) const {
  if (empty()) throw Error("VideoFrame::ToImage: empty frame");
  if (bytes_per_sample != 1 && bytes_per_sample != 2) {
    throw Error("VideoFrame::ToImage: bytes_per_sample must be 1 or 2");
  }
  std::unique_ptr<AVFrame, FrameFreer> host;
  const AVFrame* f = HostFrame(impl_->frame.get(), host);
  bool full_range = f->color_range == AVCOL_RANGE_JPEG;
  const AVPixelFormat src_format = PlainFormat(static_cast<AVPixelFormat>(f->format), full_range);
  const AVPixelFormat dst_format = bytes_per_sample == 1 ? AV_PIX_FMT_RGB24 : AV_PIX_FMT_RGB48;
  thread_local ThreadScaler scaler;
  SwsContext* ctx = scaler.Get(f->width, f->height, src_format, dst_format, SwsColorspace(f), full_range);
  if (ctx == nullptr) throw Error("VideoFrame::ToImage: cannot convert this pixel format to RGB");

  const int rotation = impl_->rotation_deg;
  const bool swap = rotation == 90 || rotation == 270;
  Image out(swap ? f->height : f->width, swap ? f->width : f->height, 3, bytes_per_sample, border);
  Image upright;
  Image& target = rotation == 0 ? out : (upright = Image(f->width, f->height, 3, bytes_per_sample));
  std::uint8_t* dst[4] = {target.Row(0), nullptr, nullptr, nullptr};
  int dst_stride[4] = {static_cast<int>(target.stride()), 0, 0, 0};
  sws_scale(ctx, f->data, f->linesize, 0, f->height, dst, dst_stride);
  if (rotation != 0) RotateInto(upright, rotation, out);
  return out;
}

bool VideoFrame::on_device() const { return !empty() && impl_->frame->format == AV_PIX_FMT_CUDA; }

bool VideoFrame::DeviceYuv(SemiPlanarFrame* planes, YuvToRgbCoeffs* coeffs) const {
  if (!on_device() || impl_->rotation_deg != 0 || impl_->frame->hw_frames_ctx == nullptr) return false;
  const AVFrame* f = impl_->frame.get();
  const auto* frames = reinterpret_cast<const AVHWFramesContext*>(f->hw_frames_ctx->data);
  if (frames->sw_format != AV_PIX_FMT_NV12 && frames->sw_format != AV_PIX_FMT_P010) return false;
  SemiPlanarFrame p;
  p.luma = f->data[0];
  p.chroma = f->data[1];
  p.luma_pitch = f->linesize[0];
  p.chroma_pitch = f->linesize[1];
  p.width = f->width;
  p.height = f->height;
  p.bits = frames->sw_format == AV_PIX_FMT_NV12 ? 8 : 10;
  p.chroma_left = false;  // centred, as swscale assumes on the CPU path whatever the stream says
  double kr = 0, kb = 0;
  MatrixWeights(f, kr, kb);
  *planes = p;
  *coeffs = MakeYuvToRgbCoeffs(kr, kb, f->color_range == AVCOL_RANGE_JPEG, p.bits);
  return true;
}

struct VideoReader::Impl {
  VideoReaderOptions options;
  bool cuda = false;  // the decoder runs on NVDEC
  VideoInfo info;
  FormatContextPtr fmt_ctx;
  CodecContextPtr dec;
  std::unique_ptr<AVPacket, PacketFreer> packet{av_packet_alloc()};
  std::unique_ptr<AVPacket, PacketFreer> held{av_packet_alloc()};  // read by the seek, sent first
  bool has_held = false;
  int stream_index = -1;
  AVRational time_base{0, 1};
  std::int64_t stream_start = 0;
  double start_s = 0;
  double expected_end_s = 0;  // end of the last frame according to the container; 0 = unknown
  std::int64_t frames_decoded = 0;
  double last_good_time = 0;
  double last_packet_time = 0;     // of the latest packet read
  double skip_before_s = -1;       // SkipUnneededBefore
  double last_skipped_time = -1;   // latest packet sent while non-reference frames were skipped
  FrameIndexer indexer;
  std::string damage;  // damage found while reading: reported once the decoder is drained
  bool returned_any = false;
  bool draining = false;
  bool finished = false;

  std::string CorruptMessage(double at_s, int err) const {
    return FileError(info.path,
                     fmt::format("corrupt or truncated stream at {:.3f} s: {}", at_s, AvErrorText(err)))
        .what();
  }
  [[noreturn]] void ThrowCorrupt(double at_s, int err) const {
    throw Error(damage.empty() ? CorruptMessage(at_s, err) : damage);
  }
  void StartDraining() {
    draining = true;
    avcodec_send_packet(dec.get(), nullptr);
  }
  // Damage in the file itself (a cut-short file, a packet the demuxer flags as corrupt): the
  // packets sent so far are whole, so the frames still in the decoder are decoded first.
  void NoteDamage(double at_s, int err) {
    if (damage.empty()) damage = CorruptMessage(at_s, err);
    StartDraining();
  }
  static std::int64_t PacketPts(const AVPacket* p) { return p->pts != AV_NOPTS_VALUE ? p->pts : p->dts; }
  double PacketTime(const AVPacket* p) const {
    const std::int64_t ts = PacketPts(p);
    return ts != AV_NOPTS_VALUE ? ToSeconds(ts - stream_start, time_base) : last_good_time;
  }
  // Every packet of the stream is one frame for the frame indices, except frames an edit list
  // drops (never shown).
  void CountPacket(const AVPacket* p) {
    if ((p->flags & AV_PKT_FLAG_DISCARD) == 0 && PacketPts(p) != AV_NOPTS_VALUE)
      indexer.AddPacket(PacketPts(p));
  }
  static std::unique_ptr<Impl> Open(const std::string& path, const VideoReaderOptions& options);
  void NewDecoderContext(const std::string& path, const AVCodec* codec, int threads);
  std::string OpenDecoder(const std::string& path, int threads, bool try_cuda);
  void SeekToStart();
  bool ReadStreamPacket(AVPacket* p);
  std::optional<std::int64_t> IndexedFramesBefore(const AVPacket* p) const;
  void CountFramesBeforeSeekPoint();
  bool Account(const AVFrame* f, double& t, std::int64_t& index);
  void Feed();
  void Finish();
};

void VideoReader::Impl::NewDecoderContext(const std::string& path, const AVCodec* codec, int threads) {
  const AVStream* st = fmt_ctx->streams[stream_index];
  dec.reset(avcodec_alloc_context3(codec));
  if (dec == nullptr) throw FileError(path, "cannot allocate a decoder");
  if (avcodec_parameters_to_context(dec.get(), st->codecpar) < 0) {
    throw FileError(path, "cannot configure the " + info.codec + " decoder");
  }
  dec->pkt_timebase = st->time_base;
  dec->thread_count = std::max(0, threads);  // 0: libavcodec picks the core count
  dec->thread_type = FF_THREAD_FRAME | FF_THREAD_SLICE;
  // Decoders conceal damage silently by default; a dataset built from concealed garbage is worse
  // than an error, so have them report it.
  dec->err_recognition |= AV_EF_EXPLODE;
}

// Opens the decoder, on NVDEC when try_cuda and it starts there. Returns why NVDEC is not used
// when it was asked for, else "".
std::string VideoReader::Impl::OpenDecoder(const std::string& path, int threads, bool try_cuda) {
  const AVCodec* codec = avcodec_find_decoder(fmt_ctx->streams[stream_index]->codecpar->codec_id);
  if (codec == nullptr) throw FileError(path, "unsupported video codec " + info.codec);
  NewDecoderContext(path, codec, threads);
  std::string why;
  if (try_cuda) {
    why = AttachCudaDecoder(dec.get(), codec);
    if (why.empty()) {
      const int err = avcodec_open2(dec.get(), codec, nullptr);
      if (err >= 0) {
        cuda = true;
        return "";
      }
      why = "the " + info.codec + " decoder does not open on the GPU: " + AvErrorText(err);
      NewDecoderContext(path, codec, threads);
    }
  }
  const int err = avcodec_open2(dec.get(), codec, nullptr);
  if (err < 0) throw FileError(path, "cannot open the " + info.codec + " decoder: " + AvErrorText(err));
  return why;
}

// The next packet of the video stream (the others are discarded by the demuxer); false at the
// end or on a read error.
bool VideoReader::Impl::ReadStreamPacket(AVPacket* p) {
  while (av_read_frame(fmt_ctx.get(), p) >= 0) {
    if (p->stream_index == stream_index) return true;
    av_packet_unref(p);
  }
  return false;
}

// MP4/MOV index every frame (in decode order): the frames before the seek point are counted
// there without reading them. Nothing when the container is another or the packet is not found.
std::optional<std::int64_t> VideoReader::Impl::IndexedFramesBefore(const AVPacket* p) const {
  if (info.container.find("mp4") == std::string::npos || p->pos < 0) return std::nullopt;
  AVStream* st = fmt_ctx->streams[stream_index];  // the index API takes a non-const stream
  const int entries = avformat_index_get_entries_count(st);
  std::int64_t before = 0;
  for (int i = 0; i < entries; ++i) {
    const AVIndexEntry* e = avformat_index_get_entry(st, i);
    if (e->pos == p->pos) return before;
    if ((e->flags & AVINDEX_DISCARD_FRAME) == 0) ++before;  // edit-list frames never shown
  }
  return std::nullopt;
}

// After a seek: frame indices count from the start of the stream, so the frames before the
// seek point are counted, from the container's index or by reading (not decoding) their packets.
void VideoReader::Impl::CountFramesBeforeSeekPoint() {
  AVPacket* k = held.get();
  if (const auto before = IndexedFramesBefore(k)) {
    indexer.AddPrecedingFrames(*before);
    return;
  }
  AVPacket* p = packet.get();
  if (av_seek_frame(fmt_ctx.get(), stream_index, stream_start, AVSEEK_FLAG_BACKWARD) >= 0) {
    while (ReadStreamPacket(p)) {
      // Not dts: demuxers may only guess it (Matroska), and differently after a seek.
      const bool is_k = p->pos == k->pos && p->pts == k->pts && p->size == k->size;
      if (is_k) {
        av_packet_unref(p);
        return;  // the demuxer is where the seek left it: right after k
      }
      CountPacket(p);
      av_packet_unref(p);
    }
  }
  // The seek point was not found again: decode from the start instead (slower, still exact).
  indexer = FrameIndexer();
  av_packet_unref(k);
  has_held = false;
  av_seek_frame(fmt_ctx.get(), stream_index, stream_start, AVSEEK_FLAG_BACKWARD);
}

void VideoReader::Impl::SeekToStart() {
  if (start_s <= 0) return;
  // To the keyframe at or before start_s; frames before start_s are decoded and dropped.
  const std::int64_t target =
      stream_start + static_cast<std::int64_t>(std::floor(start_s / av_q2d(time_base)));
  if (av_seek_frame(fmt_ctx.get(), stream_index, target, AVSEEK_FLAG_BACKWARD) < 0) {
    // Not seekable: decode from the start instead (slower, still correct).
    av_seek_frame(fmt_ctx.get(), stream_index, stream_start, AVSEEK_FLAG_BACKWARD);
    return;
  }
  has_held = ReadStreamPacket(held.get());
  if (has_held) CountFramesBeforeSeekPoint();
}

// A decoded frame's time and source index (every decoded frame is counted); false when it lies
// before start_s.
bool VideoReader::Impl::Account(const AVFrame* f, double& t, std::int64_t& index) {
  ++frames_decoded;
  std::int64_t ts = f->best_effort_timestamp;
  if (ts == AV_NOPTS_VALUE) ts = f->pts;
  t = ts != AV_NOPTS_VALUE ? ToSeconds(ts - stream_start, time_base)
                           : last_good_time + (info.fps > 0 ? 1.0 / info.fps : 0.0);
  if ((f->flags & AV_FRAME_FLAG_CORRUPT) != 0 || f->decode_error_flags != 0)
    ThrowCorrupt(t, kAvErrorInvalidData);
  last_good_time = t;
  index = ts != AV_NOPTS_VALUE ? indexer.IndexOf(ts) : indexer.NextUntimed();
  // A microsecond of slack absorbs time-base rounding of a frame that sits exactly on start_s.
  return t >= start_s - 1e-6;
}

// Reads one packet and sends it to the decoder; at the end of the file (or damage) the decoder
// is drained instead.
void VideoReader::Impl::Feed() {
  AVPacket* p = packet.get();
  int err = 0;
  if (has_held) {
    av_packet_move_ref(p, held.get());
    has_held = false;
  } else {
    err = av_read_frame(fmt_ctx.get(), p);
  }
  if (err == kAvErrorEof) return StartDraining();
  if (err < 0) return NoteDamage(last_packet_time, err);
  if (p->stream_index != stream_index) return av_packet_unref(p);
  const double packet_time = PacketTime(p);
  last_packet_time = packet_time;
  if ((p->flags & AV_PKT_FLAG_CORRUPT) != 0) {
    av_packet_unref(p);
    return NoteDamage(packet_time, kAvErrorInvalidData);
  }
  CountPacket(p);
  const bool skip = p->pts != AV_NOPTS_VALUE && packet_time < skip_before_s - 1e-6;
  dec->skip_frame = skip ? AVDISCARD_NONREF : AVDISCARD_DEFAULT;
  if (skip) last_skipped_time = std::max(last_skipped_time, packet_time);
  err = avcodec_send_packet(dec.get(), p);
  av_packet_unref(p);
  if (err < 0 && err != kAvErrorAgain) ThrowCorrupt(packet_time, err);
}

// The decoder is drained: reports damage found while reading, a stream that ended early, or a
// start time past the last frame.
void VideoReader::Impl::Finish() {
  finished = true;
  if (!damage.empty()) throw Error(damage);
  const double frame_s = info.fps > 0 ? 1.0 / info.fps : 0.0;
  // Skipped non-reference frames reached the stream's end too.
  const double last_time = std::max(last_good_time, last_skipped_time);
  if (expected_end_s > 0 && frames_decoded > 0 &&
      last_time + frame_s < expected_end_s - std::max(2.0 * frame_s, 0.05)) {
    ThrowCorrupt(last_good_time, kAvErrorEof);
  }
  if (!returned_any && start_s > 0) {
    const double duration = info.duration_s > 0 ? info.duration_s : last_good_time + frame_s;
    throw FileError(info.path, fmt::format("start time {:g} s is at or after the last frame (the video lasts "
                                           "{:.3f} s)",
                                           start_s, duration));
  }
}

VideoInfo ProbeVideo(const std::string& path) {
  FormatContextPtr fmt_ctx;
  VideoInfo info;
  const int index = OpenVideo(path, -1, false, fmt_ctx, info);
  const AVCodecParameters* par = fmt_ctx->streams[index]->codecpar;
  if (avcodec_find_decoder(par->codec_id) == nullptr) {
    throw FileError(path, "unsupported video codec " + info.codec);
  }
  return info;
}

namespace {

void WarnCpuDecode(const VideoReaderOptions& options, const std::string& path, const std::string& why) {
  if (options.warn) options.warn(path + ": NVDEC decode unavailable (" + why + "); decoding on the CPU");
}

}  // namespace

std::unique_ptr<VideoReader::Impl> VideoReader::Impl::Open(const std::string& path, const VideoReaderOptions& options) {
  auto impl = std::make_unique<Impl>();
  Impl& m = *impl;
  m.options = options;
  m.stream_index = OpenVideo(path, options.stream, true, m.fmt_ctx, m.info);
  AVFormatContext* fmt_ctx = m.fmt_ctx.get();
  const AVStream* st = fmt_ctx->streams[m.stream_index];
  // Only the video stream is demuxed; audio and data packets are discarded in the demuxer.
  for (unsigned i = 0; i < fmt_ctx->nb_streams; ++i) {
    if (static_cast<int>(i) != m.stream_index) fmt_ctx->streams[i]->discard = AVDISCARD_ALL;
  }
  m.time_base = st->time_base;
  m.stream_start = st->start_time != AV_NOPTS_VALUE ? st->start_time : 0;
  m.start_s = std::max(0.0, options.start_s);
  if (m.info.duration_s > 0 && m.start_s >= m.info.duration_s) {
    throw FileError(path,
                    fmt::format("start time {:g} s is at or after the end of the video (the video lasts "
                                "{:.3f} s)",
                                m.start_s, m.info.duration_s));
  }
  // Truncation shows as an early end: the container (or the stream, when other streams would
  // make the container's length misleading) says how long the video should last.
  if (st->duration > 0 && st->duration != AV_NOPTS_VALUE) {
    m.expected_end_s = ToSeconds(st->duration, st->time_base);
  } else if (fmt_ctx->nb_streams == 1 && fmt_ctx->duration > 0 && fmt_ctx->duration != AV_NOPTS_VALUE) {
    m.expected_end_s = static_cast<double>(fmt_ctx->duration) / AV_TIME_BASE;
  }
  const std::string why = m.OpenDecoder(path, options.threads, options.cuda_decode);
  if (!why.empty()) WarnCpuDecode(options, path, why);
  m.SeekToStart();
  return impl;
}

VideoReader::VideoReader(const std::string& path, const VideoReaderOptions& options)
    : impl_(Impl::Open(path, options)) {}

VideoReader::~VideoReader() = default;

const VideoInfo& VideoReader::info() const { return impl_->info; }

std::int64_t VideoReader::frames_decoded() const { return impl_->frames_decoded; }

bool VideoReader::decoding_on_device() const { return impl_->cuda && impl_->returned_any; }

bool VideoReader::nvdec_open() const { return impl_->cuda; }

void VideoReader::SkipUnneededBefore(double time_s) { impl_->skip_before_s = time_s; }

std::vector<double> VideoReader::KeyframeTimes() const {
  const Impl& m = *impl_;
  AVStream* st = m.fmt_ctx->streams[m.stream_index];  // the index API takes a non-const stream
  std::vector<double> times;
  const int entries = avformat_index_get_entries_count(st);
  for (int i = 0; i < entries; ++i) {
    const AVIndexEntry* e = avformat_index_get_entry(st, i);
    if ((e->flags & AVINDEX_KEYFRAME) != 0 && (e->flags & AVINDEX_DISCARD_FRAME) == 0) {
      times.push_back(ToSeconds(e->timestamp - m.stream_start, m.time_base));
    }
  }
  std::sort(times.begin(), times.end());
  return times;
}

bool VideoReader::Next(VideoFrame& frame) {
  Impl& m = *impl_;
  if (!m.cuda || m.returned_any) return NextDecoded(frame);
  // NVDEC's first frame: a failure, or a frame that is not on the device (the decoder's format
  // choice fell back to software), restarts the decode on the CPU.
  std::string why;
  try {
    if (!NextDecoded(frame)) return false;
    if (frame.on_device()) return true;
    why = "the decoder gave its first frame in host memory";
  } catch (const std::exception& e) {
    why = std::string("the first frame failed: ") + e.what();
  }
  frame = VideoFrame();
  VideoReaderOptions cpu = m.options;
  cpu.cuda_decode = false;
  const double skip = m.skip_before_s;
  const std::string path = m.info.path;
  impl_ = Impl::Open(path, cpu);
  impl_->skip_before_s = skip;
  WarnCpuDecode(cpu, path, why);
  return NextDecoded(frame);
}

bool VideoReader::NextDecoded(VideoFrame& frame) {
  Impl& m = *impl_;
  if (m.finished) return false;
  std::unique_ptr<AVFrame, FrameFreer> decoded(av_frame_alloc());
  while (true) {
    const int err = avcodec_receive_frame(m.dec.get(), decoded.get());
    if (err == 0) {
      double t = 0;
      std::int64_t index = 0;
      if (!m.Account(decoded.get(), t, index)) {
        av_frame_unref(decoded.get());
        continue;
      }
      frame.impl_ = std::make_unique<VideoFrame::Impl>();
      frame.impl_->frame = std::move(decoded);
      frame.impl_->rotation_deg = m.info.rotation_deg;
      frame.time_s_ = t;
      frame.index_ = index;
      m.returned_any = true;
      return true;
    }
    if (err == kAvErrorEof) {
      m.Finish();
      return false;
    }
    if (err != kAvErrorAgain) m.ThrowCorrupt(m.last_good_time, err);
    if (m.draining) {  // cannot happen: a draining decoder answers frames or EOF
      m.finished = true;
      if (!m.damage.empty()) throw Error(m.damage);
      return false;
    }
    m.Feed();  // the decoder wants input
  }
}

}  // namespace prep360
