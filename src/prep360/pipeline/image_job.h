#pragma once
// The streaming job over a folder of images shared by `detect` and `blur`: the files are listed
// (ListImagesRecursive), then read and decoded, worked on and written in a TBB pipeline with
// threads + 1 images in flight, so decoding the next images overlaps the model running on this
// one. A file that cannot be read, decoded or written is told to the observer in one line and
// counted; the others go on.
#include <cstdint>
#include <functional>
#include <string>

#include "prep360/image/image.h"
#include "prep360/job/job_document.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/job_observer.h"

namespace prep360 {

struct ImageJobResult {
  std::int64_t images = 0;  // found
  std::int64_t done = 0;    // worked on and written
  std::int64_t failed = 0;  // skipped
  bool interrupted = false;
  double wall_s = 0;
  double read_s = 0, decode_s = 0, work_s = 0;  // busy thread-seconds per phase
};

// Works on one decoded image (its path relative to the folder, '/'-separated) and writes its
// outputs; throws Error to skip it. Called concurrently for different images.
using ImageWork = std::function<void(const std::string& rel, Image& image)>;

// inputs[0] is the folder; files under job.output are left out. Throws Error for a missing or
// empty folder. `label` names the job for the observer.
ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageWork& work);

}  // namespace prep360
