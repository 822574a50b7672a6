#pragma once
// Decoding 360° video with libavformat/libavcodec: probe, seek, frame-threaded decode.
// A decoded frame stays in the decoder's pixel format (refcounted AVFrame) until it is kept:
// selection reads a small luma thumbnail, and only kept frames are converted to RGB (swscale),
// which can happen on any thread.
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/util/error.h"
#include "prep360/video/video_stream.h"
#include "prep360/video/yuv_to_rgb.h"

namespace prep360 {

struct VideoInfo {
  std::string path;
  std::string container;     // libavformat's name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm"
  std::string codec;         // "h264", "hevc", "av1", "prores", ...
  std::string pixel_format;  // "yuv420p", "yuv420p10le", ...
  int width = 0, height = 0;  // as displayed: after the rotation below
  int bit_depth = 8;          // of the decoded samples (8, 10, 12)
  double fps = 0;             // average frame rate
  double duration_s = 0;
  std::int64_t frame_count = 0;  // from the container, else duration x fps (rounded)
  int rotation_deg = 0;          // display rotation applied to every frame: 0, 90, 180 or 270
  std::string spherical;         // "" when the stream has no spherical side data, else its projection
  double spherical_yaw_deg = 0, spherical_pitch_deg = 0, spherical_roll_deg = 0;
  std::string creation_time;     // container creation_time ("2024-05-01T10:20:30.000000Z"), "" if none
  std::int64_t bitrate = 0;      // bits per second, 0 if unknown
  int stream = -1;               // container index of the stream described above
  std::vector<VideoStreamInfo> video_streams;  // every video stream (cover pictures excluded)
};

// Thrown (naming the file) when libavformat does not recognise the file as a media file at all.
class NotVideoError : public Error {
 public:
  using Error::Error;
};

// Probes a file: the fields describe the stream that VideoReader would decode by default
// (PickVideoStream), or the first video stream when none qualifies. Throws NotVideoError when
// the file is not a media file, FileError when it is missing, has no video stream, or is an
// MP4/MOV cut short before its index was written.
VideoInfo ProbeVideo(const std::string& path);

// A small 8-bit luma picture (no border), for sharpness and motion scores.
struct LumaThumbnail {
  int width = 0, height = 0;
  std::vector<std::uint8_t> pixels;  // width * height, row-major
};

// One decoded frame. Cheap to move; holds a reference on the decoder's buffer.
class VideoFrame {
 public:
  VideoFrame();
  ~VideoFrame();
  VideoFrame(VideoFrame&&) noexcept;
  VideoFrame& operator=(VideoFrame&&) noexcept;
  VideoFrame(const VideoFrame&) = delete;
  VideoFrame& operator=(const VideoFrame&) = delete;

  bool empty() const;
  // Source frame index: the frame's position in presentation order from the start of the
  // stream (0 = first frame), whatever the frame rate and wherever decoding started.
  std::int64_t index() const { return index_; }
  double time_s() const { return time_s_; }     // presentation time from the stream start

  // Luma downscaled (area average) to `width` columns, height keeping the aspect; rotation is
  // not applied (scores do not care).
  LumaThumbnail Luma(int width) const;

  // The frame as interleaved RGB with the display rotation applied; bytes_per_sample 1 (8-bit)
  // or 2 (16-bit: 10/12-bit sources are scaled to the full 16-bit range). `border` as in Image.
  // A frame decoded on the GPU (VideoReaderOptions::cuda_decode) is copied to the host first.
  Image ToImage(int bytes_per_sample, int border = 0) const;

  // Whether the frame was decoded on the GPU and is in device memory.
  bool on_device() const;
  // A frame on the device that the GPU converts itself (NV12 or P010, no display rotation): its
  // device planes and the conversion for its colour matrix and range, as ToImage's (BT.709 for
  // untagged HD and larger, BT.601 below). False for every other frame.
  bool DeviceYuv(SemiPlanarFrame* planes, YuvToRgbCoeffs* coeffs) const;

  struct Impl;  // owns the AVFrame reference (video_reader.cc)

 private:
  friend class VideoReader;
  std::unique_ptr<Impl> impl_;
  std::int64_t index_ = 0;
  double time_s_ = 0;
};

struct VideoReaderOptions {
  int threads = 0;     // decoder threads, 0 = all hardware threads
  double start_s = 0;  // seek (keyframe before it, then decode forward); frames before are dropped
  int stream = -1;     // container index of the video stream; -1: automatic (PickVideoStream)
  // Decode on CUDA device 0 with NVDEC (video/cuda_decode.h). When that cannot start, or the
  // first frame fails or does not come out on the device, the reader decodes on the CPU from
  // the start instead and tells `warn` once ("FILE: NVDEC decode unavailable (why); decoding on
  // the CPU"): never an error.
  bool cuda_decode = false;
  std::function<void(const std::string&)> warn;
};

class VideoReader {
 public:
  // Opens the video and seeks to start_s. Throws FileError as ProbeVideo does, when no stream
  // qualifies (ChooseVideoStream), and when start_s is at or after the end of the video.
  VideoReader(const std::string& path, const VideoReaderOptions& options);
  ~VideoReader();
  VideoReader(const VideoReader&) = delete;
  VideoReader& operator=(const VideoReader&) = delete;

  const VideoInfo& info() const;
  // The next frame at or after start_s, in presentation order. False at the end of the stream.
  // Throws FileError naming the file and the timestamp ("corrupt or truncated stream at 3.467 s:
  // ...") when the stream is damaged; frames returned before stay valid. Damage found while
  // reading the file (a cut-short file, a packet the demuxer flags as corrupt) is reported
  // after the frames already in the decoder are returned; a decoding error at once. Also throws
  // when the stream ends without any frame at or after start_s.
  bool Next(VideoFrame& frame);
  std::int64_t frames_decoded() const;  // including frames dropped before start_s
  // Whether frames come from NVDEC (false until the first frame when cuda_decode was asked for).
  bool decoding_on_device() const;
  // Whether the decoder is open on NVDEC (before the first frame it may still fall back).
  bool nvdec_open() const;
  // A hint from the frame selection: no frame before time_s will be used. Packets of
  // non-reference frames (which no other frame needs) before it are then not decoded at all
  // (libavcodec's skip_frame = AVDISCARD_NONREF), so sampling 2 of 30 fps costs less than
  // decoding every frame. Reference frames are always decoded, so later frames stay exact.
  void SkipUnneededBefore(double time_s);
  // Times (seconds from the stream start, ascending) of the keyframes the container's index
  // lists (MP4/MOV: every one, as decode times, which precede presentation times by the B-frame
  // delay; other containers: what the demuxer has indexed so far, possibly none). Where sharded
  // jobs put their boundaries (scale/video_shard.h).
  std::vector<double> KeyframeTimes() const;

 private:
  bool NextDecoded(VideoFrame& frame);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
