#pragma once
// Test support: small synthetic 360° videos. Frames come from the synthetic scene
// (RenderEquirect), optionally turned in yaw or blurred per frame, and are piped as raw RGB into
// the ffmpeg CLI, which must be on PATH (the error says so when it is not).
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "prep360/image/image.h"

namespace prep360::testkit {

struct SyntheticVideoOptions {
  int width = 256, height = 128;
  int fps = 30;                  // frames per second (integer rates keep timestamps exact)
  int frame_count = 30;
  std::string codec = "libx264";  // libx264, libx265, prores_ks, libaom-av1, ffv1, ...
  std::string pixel_format = "yuv420p";  // e.g. yuv420p10le; 10-bit formats are fed 16-bit RGB
  int crf = -1;                  // -crf for x264/x265/aom; -1: encoder default
  int gop = 0;                   // keyframe interval (-g); 0: encoder default
  int rotation_deg = 0;          // display rotation metadata (clockwise, as players apply it)
  std::string creation_time;     // e.g. "2024-05-01T10:20:30Z"; "" = none
  std::vector<std::string> extra_args;  // passed to ffmpeg before the output path
  // Appended to the video filter chain, e.g. "settb=1/600,setpts=..." for variable frame rate
  // timestamps (with extra_args {"-fps_mode", "passthrough"} so ffmpeg keeps them).
  std::string filter;
  // Per frame: the camera's yaw in degrees (the panorama is shifted by round(yaw * W / 360)
  // columns, so content moves left as yaw grows), and a box-blur radius in pixels (0 = sharp).
  std::function<double(int frame)> yaw_deg;
  std::function<int(int frame)> blur_radius;
  // When set, frame `frame` is this image (width x height, 3 channels, 8- or 16-bit as asked)
  // instead of the equirect render: e.g. dual-fisheye frames (RenderDualFisheye).
  std::function<Image(int frame, int bytes_per_sample)> render;
};

// The exact RGB frame `frame` that WriteSyntheticVideo feeds the encoder (8- or 16-bit).
Image RenderSyntheticFrame(const SyntheticVideoOptions& options, int frame, int bytes_per_sample = 1);

// Encodes the video to `path` (container from the extension). Throws std::runtime_error with
// ffmpeg's own message on failure.
void WriteSyntheticVideo(const std::string& path, const SyntheticVideoOptions& options);

// Runs the ffmpeg CLI with `args` (after -nostdin -hide_banner -loglevel error -y), e.g. to
// remux or combine test videos. Throws std::runtime_error with ffmpeg's message on failure.
void RunFfmpeg(const std::vector<std::string>& args);

// The source frame indices (0 = first frame in presentation order) of the frames a decoder can
// return from a copy of `path` cut after `bytes` bytes: the frames of the packets before the
// first one (in decode order) that does not end within the cut. Read from the whole file's
// packets with libavformat (first video stream).
std::vector<std::int64_t> FramesBeforeCut(const std::string& path, std::int64_t bytes);

// Turns an image clockwise by 0/90/180/270 degrees (as a player applies display rotation).
Image RotateClockwise(const Image& image, int rotation_deg);

}  // namespace prep360::testkit
