#include "prep360/lens/eac_source.h"

#include <algorithm>

#include "prep360/job/job_options.h"
#include "prep360/lens/eac_projection.h"
#include "prep360/lens/input_source.h"
#include "prep360/lens/projected_frame_source.h"
#include "prep360/pipeline/image_list_source.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/video_source.h"
#include "prep360/util/error.h"
#include "prep360/video/video_reader.h"

namespace prep360 {
namespace {

std::unique_ptr<FrameSource> EacVideo(const JobDocument& job, bool stitch) {
  VideoSourceOptions main = VideoSourceOptionsFor(job);
  main.force = true;
  const std::string path = main.path;
  const VideoInfo vi = ProbeVideo(path);
  const auto [a, b] = EacStreamPair(vi.video_streams);
  if (a < 0) {
    throw FileError(path, "not a GoPro MAX EAC video: no two video streams of one size shaped like EAC halves "
                          "(three square faces side by side)");
  }
  const auto& s = *std::find_if(vi.video_streams.begin(), vi.video_streams.end(),
                                [&](const VideoStreamInfo& v) { return v.index == a; });
  const EacLayout layout = EacLayout::ForTrack(s.width, s.height, path);
  main.stream = a;
  ProjectedSourceOptions o;
  o.projection = std::make_shared<EacProjection>();
  o.frame_width = layout.frame_width();
  o.frame_height = layout.frame_height();
  o.stitch = stitch;
  o.layout = "two streams";
  VideoReaderOptions ro;
  ro.threads = job.source.decode_threads;
  ro.start_s = job.source.sampling.start_s;
  ro.stream = b;
  o.companion = std::make_unique<VideoReader>(path, ro);
  o.reopen_companion = ReopenCompanionForShard(job, path, ro);
  o.assemble = [layout](const Image& first, const Image* second, const std::string& name) {
    if (second == nullptr) throw FileError(name, "the second EAC track's frame is missing");
    return layout.Assemble(first, *second, name);
  };
  return std::make_unique<ProjectedFrameSource>(std::make_unique<VideoSource>(main), std::move(o));
}

std::unique_ptr<FrameSource> EacStills(const JobDocument& job, bool stitch) {
  std::vector<InputFile> inputs = ExpandInputs(job.inputs);
  const FirstReadableInput probe = ReadFirstReadableInput(inputs);
  const int width = probe.info.width, height = probe.info.height;
  const std::string& first = probe.path;
  if (height % 2 != 0) throw FileError(first, "an EAC still holds two tracks one above the other: odd height");
  const EacLayout layout = EacLayout::ForTrack(width, height / 2, first);
  ProjectedSourceOptions o;
  o.projection = std::make_shared<EacProjection>();
  o.frame_width = layout.frame_width();
  o.frame_height = layout.frame_height();
  o.stitch = stitch;
  o.assemble = [layout](const Image& both, const Image*, const std::string& name) {
    return layout.AssembleStacked(both, name);
  };
  return std::make_unique<ProjectedFrameSource>(StillsOfShard(job, std::move(inputs)), std::move(o));
}

}  // namespace

std::pair<int, int> EacStreamPair(const std::vector<VideoStreamInfo>& streams) {
  for (std::size_t a = 0; a < streams.size(); ++a) {
    if (!EacLayout::LooksLikeTrack(streams[a].width, streams[a].height)) continue;
    for (std::size_t b = a + 1; b < streams.size(); ++b) {
      if (streams[b].width == streams[a].width && streams[b].height == streams[a].height) {
        return {streams[a].index, streams[b].index};
      }
    }
  }
  return {-1, -1};
}

std::unique_ptr<FrameSource> MakeEacFrameSource(const JobDocument& job, bool stitch) {
  return job.command == JobCommand::kSplit ? EacStills(job, stitch) : EacVideo(job, stitch);
}

}  // namespace prep360
