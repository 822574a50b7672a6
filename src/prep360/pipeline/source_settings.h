#pragma once
// The "source" group of the job document: how frames are taken from a video (run, extract); and
// the "input" group: what projection the panoramas or video hold (split, run, extract).
#include <string>

#include "prep360/util/fields.h"
#include "prep360/video/frame_selector.h"

namespace prep360 {

struct SourceSettings {
  SamplingOptions sampling;
  int decode_threads = 0;  // 0 = all hardware threads
  bool force = false;      // use frames that are not 2:1 anyway
  int stream = -1;         // video stream index; -1 = the 360° one

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"fps", "Frames per second to keep: one per 1/fps-second window; 0 = every frame"}.AtLeast(0),
          s.sampling.fps);
    visit(Field{"every", "Keep one frame in every N source frames; 0 = off (cannot be combined with fps)"}.Range(
              0, 1000000),
          s.sampling.every);
    visit(Field{"start", "Start time, seconds (seeks to it without decoding what comes before)"}.AtLeast(0),
          s.sampling.start_s);
    visit(Field{"end", "End time, seconds (frames at or after it are not used); -1 = to the end"}.AtLeast(0).OrOff(-1),
          s.sampling.end_s);
    visit(Field{"max_frames", "Stop after keeping this many frames; 0 = no limit"}.AtLeast(0), s.sampling.max_frames);
    visit(Field{"select", "Which frame of each window to keep"}, s.sampling.select);
    visit(Field{"min_motion",
                "Skip a frame whose image motion since the last kept frame is below this many degrees; 0 = off"}
              .AtLeast(0),
          s.sampling.min_motion);
    visit(Field{"decode_threads", "Decoder threads; 0 = all cores"}.Range(0, 256), s.decode_threads);
    visit(Field{"force", "Use a video whose frames are not 2:1 equirectangular anyway"}, s.force);
    visit(Field{"stream", "Video stream index; -1 = the 360° one (spherical metadata, else the first 2:1)"}
              .Range(-1, 1000),
          s.stream);
  }
};

enum class InputProjection { kAuto, kEquirect, kDualFisheye, kEac };
inline constexpr EnumName<InputProjection> kInputProjectionNames[] = {
    {"auto", InputProjection::kAuto, "what the file says it holds (Insta360 .insv/.insp, GoPro .360), else equirect"},
    {"equirect", InputProjection::kEquirect, "equirectangular 2:1"},
    {"dual-fisheye", InputProjection::kDualFisheye,
     "two fisheye lenses: side by side in one image, two video streams, or an Insta360 _00_/_10_ pair"},
    {"eac", InputProjection::kEac, "GoPro MAX equi-angular cubemap, two streams"}};
template <>
struct EnumNames<InputProjection> {
  static constexpr std::span<const EnumName<InputProjection>> table{kInputProjectionNames};
};

struct InputSettings {
  InputProjection projection = InputProjection::kAuto;
  double lens_fov = 190;   // degrees spanned by each fisheye's image circle (no calibration)
  std::string lens_calib;  // lens calibration JSON (docs/inputs.md); empty = the file's, else defaults
  bool cross_lens = true;  // views may take pixels from both lenses (feathered band)

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"projection", "Projection of the input"}, s.projection);
    visit(Field{"lens_fov", "Dual fisheye without calibration: degrees each image circle spans"}.Open(90, 360),
          s.lens_fov);
    visit(Field{"lens_calib", "Dual fisheye: lens calibration JSON file (docs/inputs.md); empty = the file's own, "
                              "else the default layout"},
          s.lens_calib);
    visit(Field{"cross_lens", "Dual fisheye: views take pixels from both lenses where both see (feathered); "
                              "false keeps each view within the lens nearest its centre"},
          s.cross_lens);
  }
};

}  // namespace prep360
