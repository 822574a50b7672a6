#include "prep360/cli/video_options.h"

namespace prep360::cli {

void VideoOptions::Add(CLI::App& app) {
  auto* fps_opt = app.add_option("--fps", fps,
                                 "Frames per second to keep: one per 1/fps-second window (default: every frame)")
                      ->check(CLI::PositiveNumber);
  app.add_option("--every", every, "Keep one frame in every N source frames")
      ->check(CLI::Range(1, 1000000))
      ->excludes(fps_opt);
  app.add_option("--start", start, "Start time, seconds (seeks to it without decoding what comes before)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--end", end, "End time, seconds (frames at or after it are not used)")
      ->check(CLI::NonNegativeNumber);
  app.add_option("--max-frames", max_frames, "Stop after keeping this many frames")->check(CLI::PositiveNumber);
  app.add_option("--select", select,
                 "Which frame of each window: first, or sharpest (highest variance of the Laplacian of "
                 "the luma, scores in report.json)")
      ->check(CLI::IsMember({"first", "sharpest"}))
      ->capture_default_str();
  app.add_option("--min-motion", min_motion,
                 "Skip a frame whose image motion since the last kept frame is below DEG degrees "
                 "(a camera standing still does not flood the dataset); 0 = off")
      ->check(CLI::NonNegativeNumber);
  app.add_flag("--force", force, "Use a video whose frames are not 2:1 equirectangular anyway");
  app.add_option("--decode-threads", decode_threads, "Decoder threads (default: all cores)")
      ->check(CLI::Range(1, 256));
  app.add_option("--stream", stream, "Video stream to use (default: the 360° one; `prep360 info` lists them)")
      ->check(CLI::NonNegativeNumber);
}

VideoSourceOptions VideoOptions::Build(const std::string& path) const {
  VideoSourceOptions o;
  o.path = path;
  o.sampling.fps = fps;
  o.sampling.every = every;
  o.sampling.start_s = start;
  o.sampling.end_s = end;
  o.sampling.max_frames = max_frames;
  o.sampling.select = select == "sharpest" ? SelectMode::kSharpest : SelectMode::kFirst;
  o.sampling.min_motion = min_motion;
  o.decoder_threads = decode_threads;
  o.force = force;
  o.stream = stream;
  return o;
}

}  // namespace prep360::cli
