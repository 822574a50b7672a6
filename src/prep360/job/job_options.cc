#include "prep360/job/job_options.h"

#include "prep360/gpu/decode_device.h"
#include "prep360/lens/input_source.h"
#include "prep360/pipeline/image_list_source.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/telemetry/telemetry_frame_source.h"
#include "prep360/scale/shard.h"

namespace prep360 {

SegmenterOptions SegmenterOptionsFor(const DetectSettings& d, int threads) {
  SegmenterOptions o;
  o.detect = d;
  o.threads = threads;
  return o;
}

MaskingOptions MaskingOptionsFor(const JobDocument& job) {
  return MaskingOptions{job.mask, SegmenterOptionsFor(job.detect, job.runtime.threads)};
}

VideoSourceOptions VideoSourceOptionsFor(const JobDocument& job) {
  VideoSourceOptions o;
  o.path = job.inputs.at(0);
  o.sampling = job.source.sampling;
  o.decoder_threads = job.source.decode_threads;
  o.force = job.source.force;
  o.stream = job.source.stream;
  o.shard = ParseShard(job.runtime.shard);
  return o;
}

std::unique_ptr<FrameSource> MakeFrameSource(const JobDocument& job, const std::function<void(const std::string&)>& warn) {
  std::unique_ptr<FrameSource> source = MakeProjectedFrameSource(job);
  if (job.command == JobCommand::kSplit) {
    if (source) return source;
    std::vector<InputFile> inputs = ExpandInputs(job.inputs);
    const ShardRange part = ShardSlice(static_cast<std::int64_t>(inputs.size()), ParseShard(job.runtime.shard));
    return std::make_unique<ImageListSource>(std::move(inputs), static_cast<std::size_t>(part.begin),
                                             static_cast<std::size_t>(part.end));
  }
  if (!source) {
    VideoSourceOptions video = VideoSourceOptionsFor(job);
    video.cuda_decode = CudaDecodeWanted(job.detect.device);  // gpu/decode_device.h
    video.warn = warn;
    source = std::make_unique<VideoSource>(video);
  }
  return WithTelemetry(job.inputs.at(0), std::move(source), ParseShard(job.runtime.shard));
}

SplitResult RunSplitJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                        std::shared_ptr<Segmenter> model) {
  const std::unique_ptr<FrameSource> source =
      MakeFrameSource(job, [&observer](const std::string& line) { observer.OnWarning("warning: " + line); });
  return RunSplit(job, *source, observer, cancel, std::move(model));
}

}  // namespace prep360
