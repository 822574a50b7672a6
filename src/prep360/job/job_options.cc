#include "prep360/job/job_options.h"

#include "prep360/pipeline/image_list_source.h"
#include "prep360/pipeline/input_list.h"

namespace prep360 {

SegmenterOptions SegmenterOptionsFor(const DetectSettings& d, int threads) {
  SegmenterOptions o;
  o.detect = d;
  o.threads = threads;
  return o;
}

MaskingOptions MaskingOptionsFor(const JobDocument& job) {
  MaskingOptions m;
  m.detect = job.mask.objects;
  m.segmenter = SegmenterOptionsFor(job.detect, job.runtime.threads);
  m.style = job.mask.style;
  m.dilate_px = job.mask.dilate;
  m.invert = job.mask.invert;
  m.nadir_deg = job.mask.nadir;
  m.ownership = job.mask.ownership;
  return m;
}

VideoSourceOptions VideoSourceOptionsFor(const JobDocument& job) {
  VideoSourceOptions o;
  o.path = job.inputs.at(0);
  o.sampling = job.source.sampling;
  o.decoder_threads = job.source.decode_threads;
  o.force = job.source.force;
  o.stream = job.source.stream;
  return o;
}

std::unique_ptr<FrameSource> MakeFrameSource(const JobDocument& job) {
  if (job.command == JobCommand::kSplit) return std::make_unique<ImageListSource>(ExpandInputs(job.inputs));
  return std::make_unique<VideoSource>(VideoSourceOptionsFor(job));
}

SplitResult RunSplitJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
  const std::unique_ptr<FrameSource> source = MakeFrameSource(job);
  return RunSplit(job, *source, observer, cancel);
}

}  // namespace prep360
