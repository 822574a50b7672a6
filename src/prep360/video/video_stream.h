#pragma once
// The video streams of a container and which one is the 360° video: cameras and editors may
// store a preview or a flat rendering beside the equirectangular stream.
#include <string>
#include <vector>

namespace prep360 {

struct VideoStreamInfo {
  int index = -1;             // the container's stream index (ffprobe's 0:N)
  std::string codec;          // "h264", "hevc", ...
  std::string pixel_format;   // "yuv420p", ...
  int width = 0, height = 0;  // as displayed (display rotation applied)
  int bit_depth = 8;
  double fps = 0;         // average frame rate
  int rotation_deg = 0;   // clockwise display rotation: 0, 90, 180 or 270
  std::string spherical;  // projection from spherical side data, "" when none
  double spherical_yaw_deg = 0, spherical_pitch_deg = 0, spherical_roll_deg = 0;
};

// One line: "stream 1: hevc 3840x1920, 29.970 fps, spherical equirectangular".
std::string DescribeVideoStream(const VideoStreamInfo& stream);

// The position in `streams` of the stream to decode, or -1 when there is none.
// requested >= 0: the stream whose container index is `requested` (-1 when it is not among
// `streams`). requested < 0 (automatic): the first stream with equirectangular spherical
// metadata, else the first 2:1 stream, else the only stream; -1 when several streams are there
// and none of them qualifies.
int PickVideoStream(const std::vector<VideoStreamInfo>& streams, int requested);

// PickVideoStream, throwing FileError(path, ...) when it finds none: the message lists the
// video streams and names the job field (source.stream) that chooses one.
int ChooseVideoStream(const std::string& path, const std::vector<VideoStreamInfo>& streams, int requested);

}  // namespace prep360
