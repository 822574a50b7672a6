#pragma once
// The streaming job over images shared by `mask`, `detect`, `blur`, `classify` and `ocr`: the
// files are listed (ListImageInputs: image files, and folders searched recursively) and cut into
// groups (a model's batch), then each group is read and decoded, run through the model (`infer`)
// and finished (encoded and written) in a TBB pipeline with threads + 1 groups in flight
// (job.runtime.frames_in_flight when set), so decoding the next images and encoding the last ones
// overlap the model running on this one. A model that reads a smaller size than the image gets its
// JPEGs decoded at a reduced DCT scale (`footprint`). A file that cannot be read, decoded or
// written is told to the observer in one line and counted; the others go on.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/image/image.h"
#include "prep360/job/job_document.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/job_observer.h"

namespace prep360 {

struct ImageJobResult {
  std::int64_t images = 0;  // found (in this shard)
  std::int64_t done = 0;    // worked on and written
  std::int64_t failed = 0;  // skipped
  bool interrupted = false;
  double wall_s = 0;
  // Busy thread-seconds per phase: work_s is the model step (`infer`), finish_s the rest.
  double read_s = 0, decode_s = 0, work_s = 0, finish_s = 0;
  // The same phases' thread CPU seconds (the calling thread's only, for `infer`: a model's own
  // threads are not counted there), and the whole process's CPU seconds while the job ran.
  double read_cpu_s = 0, decode_cpu_s = 0, work_cpu_s = 0, finish_cpu_s = 0, process_cpu_s = 0;
};

// One image on its way through the job.
struct ImageSlot {
  std::string path;            // the file
  std::string rel;             // its output name: the path under its folder, '/'-separated
  std::optional<Image> image;  // decoded, upright; smaller than width x height after a reduced decode
  int width = 0, height = 0;   // the file's full upright size
  std::shared_ptr<void> result;  // what `infer` leaves for `finish`
};

struct ImageSteps {
  std::size_t group = 1;      // images per `infer` call
  bool serial_infer = false;  // one `infer` at a time (a model that uses every thread itself)
  // When set: {width, height} the model needs of an image of this full size; a JPEG then decodes at
  // the smallest DCT scale that is at least as large (see DecodeImageAtLeast).
  std::function<std::pair<int, int>(int width, int height)> footprint;
  // The decoded slots of one group, in file order; throw Error to skip them all.
  std::function<void(const std::vector<ImageSlot*>& slots)> infer;
  // Then each of them, in parallel (encode, write); throw Error to skip one. May be empty.
  std::function<void(ImageSlot& slot)> finish;
};

// job.inputs are image files and folders (ListImageInputs); files under job.output are left out.
// Throws Error for a missing input or an empty folder. `label` names the job for the observer.
// Runs in a task arena of job.runtime.threads threads (0: all). A shard (job.runtime.shard) takes
// its part of the sorted files in whole groups.
ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageSteps& steps);

// Works on one decoded full-size image (its output name, ImageSlot::rel) and writes its outputs;
// throws Error to skip it. Called concurrently for different images.
using ImageWork = std::function<void(const std::string& rel, Image& image)>;
// The image job with one step per image, any number at once.
ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageWork& work);

// Writes an image job's report as OUT/report.json, or a shard's as OUT/report.shard-K-of-N.json
// with the shard and job records `prep360 merge` checks (scale/shard.h).
void WriteImageJobReport(const JobDocument& job, nlohmann::ordered_json report);

}  // namespace prep360
