#include "prep360/lens/input_source.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include <fmt/format.h>

#include "prep360/job/job_options.h"
#include "prep360/lens/dual_fisheye_projection.h"
#include "prep360/lens/eac_source.h"
#include "prep360/lens/insta360_calib.h"
#include "prep360/lens/projected_frame_source.h"
#include "prep360/pipeline/image_list_source.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/video_source.h"
#include "prep360/scale/shard.h"
#include "prep360/util/error.h"
#include "prep360/video/video_reader.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

std::string LowerExtension(const std::string& path) {
  std::string ext = fs::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

// Container indices of the first two video streams that are square and of one size, or {-1, -1}.
std::pair<int, int> SquarePair(const std::vector<VideoStreamInfo>& streams) {
  for (std::size_t a = 0; a < streams.size(); ++a) {
    if (streams[a].width != streams[a].height) continue;
    for (std::size_t b = a + 1; b < streams.size(); ++b) {
      if (streams[b].width == streams[a].width && streams[b].height == streams[a].height) {
        return {streams[a].index, streams[b].index};
      }
    }
  }
  return {-1, -1};
}

struct VideoLayout {
  VideoSourceOptions main;
  std::string companion_path;  // empty: one frame holds both lenses
  int companion_stream = -1;
  bool companion_left = false;
  std::string layout = "one frame";
  int width = 0, height = 0;  // both lenses
};

VideoLayout DualFisheyeLayout(const JobDocument& job) {
  VideoLayout l;
  l.main = VideoSourceOptionsFor(job);
  l.main.force = true;
  const std::string& path = l.main.path;
  const VideoInfo vi = ProbeVideo(path);
  const auto [a, b] = SquarePair(vi.video_streams);
  if (job.source.stream < 0 && a >= 0) {
    const auto& s = *std::find_if(vi.video_streams.begin(), vi.video_streams.end(),
                                  [&](const VideoStreamInfo& v) { return v.index == a; });
    l.main.stream = a;
    l.companion_path = path;
    l.companion_stream = b;
    l.layout = "two streams";
    l.width = 2 * s.width;
    l.height = s.height;
    return l;
  }
  const int w = vi.width, h = vi.height;
  if (w == h && job.source.stream < 0) {
    const std::string other = PairedLensFile(path);
    if (!other.empty() && fs::exists(other)) {
      l.companion_path = other;
      l.companion_left = fs::path(path).filename().string().find("_10_") != std::string::npos;
      l.layout = "two files";
      l.width = 2 * w;
      l.height = h;
      return l;
    }
  }
  if (w != 2 * h && job.input.lens_calib.empty()) {
    throw FileError(path, fmt::format("not a dual-fisheye video: {}x{} is not two lenses side by side (2:1), nor "
                                      "one of two square streams, nor one of an Insta360 _00_/_10_ pair",
                                      w, h));
  }
  l.width = w;
  l.height = h;
  return l;
}

std::unique_ptr<FrameSource> DualFisheyeVideo(const JobDocument& job, bool stitch) {
  const VideoLayout l = DualFisheyeLayout(job);
  ProjectedSourceOptions o;
  o.projection = std::make_shared<DualFisheyeProjection>(LensCalibFor(job.input, l.main.path, l.width, l.height),
                                                         job.input.cross_lens);
  o.frame_width = l.width;
  o.frame_height = l.height;
  o.stitch = stitch;
  o.layout = l.layout;
  o.companion_left = l.companion_left;
  if (!l.companion_path.empty()) {
    VideoReaderOptions ro;
    ro.threads = job.source.decode_threads;
    ro.start_s = job.source.sampling.start_s;
    ro.stream = l.companion_stream;
    o.companion = std::make_unique<VideoReader>(l.companion_path, ro);
    o.reopen_companion = ReopenCompanionForShard(job, l.companion_path, ro);
  }
  return std::make_unique<ProjectedFrameSource>(std::make_unique<VideoSource>(l.main), std::move(o));
}

std::unique_ptr<FrameSource> DualFisheyeStills(const JobDocument& job, bool stitch) {
  std::vector<InputFile> inputs = ExpandInputs(job.inputs);
  const FirstReadableInput probe = ReadFirstReadableInput(inputs);
  const int width = probe.info.width, height = probe.info.height;
  const std::string& first = probe.path;
  ProjectedSourceOptions o;
  o.projection =
      std::make_shared<DualFisheyeProjection>(LensCalibFor(job.input, first, width, height), job.input.cross_lens);
  o.frame_width = width;
  o.frame_height = height;
  o.stitch = stitch;
  return std::make_unique<ProjectedFrameSource>(StillsOfShard(job, std::move(inputs)), std::move(o));
}

}  // namespace

std::string PairedLensFile(const std::string& path) {
  const fs::path p(path);
  std::string name = p.filename().string();
  for (const auto& [from, to] : {std::pair{"_00_", "_10_"}, std::pair{"_10_", "_00_"}}) {
    const auto at = name.rfind(from);
    if (at == std::string::npos) continue;
    name.replace(at, 4, to);
    return (p.parent_path() / name).string();
  }
  return "";
}

std::function<std::unique_ptr<VideoReader>(double)> ReopenCompanionForShard(const JobDocument& job,
                                                                            const std::string& path,
                                                                            const VideoReaderOptions& options) {
  if (!ParseShard(job.runtime.shard).active()) return nullptr;
  return [path, options](double start_s) {
    VideoReaderOptions at = options;
    at.start_s = std::max(options.start_s, start_s);
    return std::make_unique<VideoReader>(path, at);
  };
}

std::unique_ptr<FrameSource> StillsOfShard(const JobDocument& job, std::vector<InputFile> inputs) {
  const ShardRange part = ShardSlice(static_cast<std::int64_t>(inputs.size()), ParseShard(job.runtime.shard));
  return std::make_unique<ImageListSource>(std::move(inputs), static_cast<std::size_t>(part.begin),
                                           static_cast<std::size_t>(part.end));
}

InputProjection ResolveInputProjection(const JobDocument& job) {
  if (job.input.projection != InputProjection::kAuto) return job.input.projection;
  if (job.inputs.empty()) return InputProjection::kEquirect;
  const std::string ext = LowerExtension(job.inputs.front());
  if (ext == ".insv" || ext == ".insp") return InputProjection::kDualFisheye;
  if (ext == ".360") return InputProjection::kEac;
  if (job.command == JobCommand::kSplit) return InputProjection::kEquirect;
  try {
    const VideoInfo vi = ProbeVideo(job.inputs.front());
    if (SquarePair(vi.video_streams).first >= 0) return InputProjection::kDualFisheye;
    if (EacStreamPair(vi.video_streams).first >= 0) return InputProjection::kEac;
  } catch (const Error&) {
    // Not a readable video: the video source says so.
  }
  return InputProjection::kEquirect;
}

DualFisheyeCalib LensCalibFor(const InputSettings& input, const std::string& path, int width, int height) {
  if (!input.lens_calib.empty()) {
    DualFisheyeCalib c = ReadLensCalib(input.lens_calib);
    c.origin = "file";
    return c;
  }
  std::string warning;
  if (auto c = Insta360TrailerCalib(path, input.lens_fov, &warning)) return *c;
  DualFisheyeCalib c = DefaultDualFisheye(width, height, input.lens_fov);
  if (!warning.empty()) c.origin = "default (" + warning + ")";
  return c;
}

std::unique_ptr<FrameSource> MakeProjectedFrameSource(const JobDocument& job) {
  const InputProjection projection = ResolveInputProjection(job);
  if (projection == InputProjection::kEquirect) return nullptr;
  const bool stitch = job.command == JobCommand::kExtract || job.dataset.keep_equirect;
  if (projection == InputProjection::kEac) return MakeEacFrameSource(job, stitch);
  return job.command == JobCommand::kSplit ? DualFisheyeStills(job, stitch) : DualFisheyeVideo(job, stitch);
}

}  // namespace prep360
