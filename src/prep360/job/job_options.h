#pragma once
// The job document turned into the engine's parts: the segmenter's and masker's options, the
// frame source; and the one call that runs a split, run or extract document.
#include <functional>
#include <memory>
#include <string>

#include "prep360/job/job_document.h"
#include "prep360/detect/segmenter.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/mask/frame_masker.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/pipeline/job_observer.h"
#include "prep360/pipeline/mask_job.h"
#include "prep360/pipeline/split_job.h"
#include "prep360/pipeline/video_source.h"

namespace prep360 {

SegmenterOptions SegmenterOptionsFor(const DetectSettings& detect, int threads);
MaskingOptions MaskingOptionsFor(const JobDocument& job);
// run, extract.
VideoSourceOptions VideoSourceOptionsFor(const JobDocument& job);
// The document's frames: the panoramas of split (inputs expanded: folders listed), the video of
// run and extract. Throws Error for missing inputs or a video that cannot be opened. `warn` gets
// the one line when NVDEC decode (detect.device cuda) falls back to the CPU.
std::unique_ptr<FrameSource> MakeFrameSource(const JobDocument& job,
                                             const std::function<void(const std::string&)>& warn = {});

// Runs a checked split, run or extract document (MakeFrameSource + RunSplit).
// `model`: see RunSplit.
SplitResult RunSplitJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                        std::shared_ptr<Segmenter> model = nullptr);

}  // namespace prep360
