#include "prep360/testing/eac_video.h"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/telemetry_samples.h"

namespace prep360::testkit {
namespace {

// Track `track` of the EAC render (rendered once per call, shared by both tracks' frames).
void WriteTrackVideo(const std::string& path, int track, const EacVideoOptions& eac,
                     const std::shared_ptr<const Image>& both) {
  const EacLayout& layout = eac.layout;
  SyntheticVideoOptions o;
  o.width = layout.track_width();
  o.height = layout.face;
  o.fps = 10;
  o.frame_count = eac.frames;
  o.gop = eac.gop;
  o.pixel_format = "yuv444p";
  o.extra_args = {"-qp", "0"};
  o.render = [track, both, &eac](int frame, int) {
    const EacLayout& l = eac.layout;
    Image one(both->width(), l.face, 3, 1);
    const std::size_t row_bytes = static_cast<std::size_t>(one.width()) * one.bytes_per_pixel();
    const int add = eac.vary_frames ? frame : 0;
    for (int y = 0; y < l.face; ++y) {
      const std::uint8_t* src = both->Row(track * l.face + y);
      std::uint8_t* dst = one.Row(y);
      for (std::size_t i = 0; i < row_bytes; ++i) dst[i] = static_cast<std::uint8_t>(std::min(255, src[i] + add));
    }
    return one;
  };
  WriteSyntheticVideo(path, o);
}

}  // namespace

std::string WriteEacVideo(const std::string& dir, const EacVideoOptions& options) {
  namespace fs = std::filesystem;
  const fs::path d(dir);
  const auto both = std::make_shared<const Image>(RenderEac(options.layout, 3, 1, 3));
  WriteTrackVideo((d / "t0.mp4").string(), 0, options, both);
  WriteTrackVideo((d / "t5.mp4").string(), 1, options, both);
  RunFfmpeg({"-i", (d / "t0.mp4").string(), "-i", (d / "t5.mp4").string(), "-map", "0:v", "-map", "1:v", "-c",
             "copy", (d / "two.mp4").string()});
  const std::vector<GpsRow> rows = {{45.0, 7.0, 200}, {45.001, 7.002, 201}, {45.002, 7.004, 202},
                                    {45.003, 7.006, 203}};
  MuxDataTrack((d / "two.mp4").string(), {Gps5Payload(rows, "240501102030.000", 150)}, 1000, "gpmd",
               (d / "max.mov").string());
  fs::rename(d / "max.mov", d / "GS010001.360");
  return (d / "GS010001.360").string();
}

}  // namespace prep360::testkit
