#include "prep360/video/video_stream.h"

#include <fmt/format.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

std::string StreamList(const std::vector<VideoStreamInfo>& streams) {
  std::string list;
  for (const VideoStreamInfo& s : streams) {
    if (!list.empty()) list += "; ";
    list += DescribeVideoStream(s);
  }
  return list;
}

}  // namespace

std::string DescribeVideoStream(const VideoStreamInfo& s) {
  std::string text =
      fmt::format("stream {}: {} {}x{}, {:.3f} fps", s.index, s.codec, s.width, s.height, s.fps);
  if (!s.spherical.empty()) text += ", spherical " + s.spherical;
  return text;
}

int PickVideoStream(const std::vector<VideoStreamInfo>& streams, int requested) {
  const int n = static_cast<int>(streams.size());
  if (requested >= 0) {
    for (int i = 0; i < n; ++i) {
      if (streams[static_cast<std::size_t>(i)].index == requested) return i;
    }
    return -1;
  }
  for (int i = 0; i < n; ++i) {
    if (streams[static_cast<std::size_t>(i)].spherical == "equirectangular") return i;
  }
  for (int i = 0; i < n; ++i) {
    const VideoStreamInfo& s = streams[static_cast<std::size_t>(i)];
    if (s.width > 0 && s.width == 2 * s.height) return i;
  }
  return n == 1 ? 0 : -1;
}

int ChooseVideoStream(const std::string& path, const std::vector<VideoStreamInfo>& streams, int requested) {
  if (streams.empty()) throw FileError(path, "no video stream");
  const int pick = PickVideoStream(streams, requested);
  if (pick >= 0) return pick;
  if (requested >= 0) {
    throw FileError(path, fmt::format("stream {} is not a video stream (video streams: {})", requested,
                                      StreamList(streams)));
  }
  throw FileError(path,
                  fmt::format("{} video streams and none is 360° (equirectangular metadata or 2:1): {}; "
                              "choose one with /source/stream",
                              streams.size(), StreamList(streams)));
}

}  // namespace prep360
