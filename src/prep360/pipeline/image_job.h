#pragma once
// The streaming job over a folder of images shared by `mask`, `detect`, `blur` and `classify`:
// the files are listed (ListImagesRecursive) and cut into groups (a model's batch), then each
// group is read and decoded, run through the model (`infer`) and finished (encoded and written)
// in a TBB pipeline with threads + 1 groups in flight, so decoding the next images and encoding the
// last ones overlap the model running on this one. A model that reads a smaller size than the
// image gets its JPEGs decoded at a reduced DCT scale (`footprint`). A file that cannot be read,
// decoded or written is told to the observer in one line and counted; the others go on.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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
  std::string rel;             // path relative to the folder, '/'-separated
  std::optional<Image> image;  // decoded, upright; smaller than width x height after a reduced decode
  int width = 0, height = 0;   // the file's full upright size
  std::shared_ptr<void> result;  // what `infer` leaves for `finish`
};

struct ImageSteps {
  std::size_t group = 1;      // images per `infer` call
  bool serial_infer = false;  // one `infer` at a time (a model that uses every thread itself)
  bool shard = false;         // job.runtime.shard takes whole groups of the sorted file list
  // When set: {width, height} the model needs of an image of this full size; a JPEG then decodes at
  // the smallest DCT scale that is at least as large (see DecodeImageAtLeast).
  std::function<std::pair<int, int>(int width, int height)> footprint;
  // The decoded slots of one group, in file order; throw Error to skip them all.
  std::function<void(const std::vector<ImageSlot*>& slots)> infer;
  // Then each of them, in parallel (encode, write); throw Error to skip one. May be empty.
  std::function<void(ImageSlot& slot)> finish;
};

// inputs[0] is the folder; files under job.output are left out. Throws Error for a missing or
// empty folder. `label` names the job for the observer. Runs in a task arena of
// job.runtime.threads threads (0: all).
ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageSteps& steps);

// Works on one decoded full-size image (its path relative to the folder) and writes its outputs;
// throws Error to skip it. Called concurrently for different images.
using ImageWork = std::function<void(const std::string& rel, Image& image)>;
// The image job with one step per image, any number at once.
ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageWork& work);

// The images under `dir` (recursive; .jpg/.jpeg/.png/.tif/.tiff, case-insensitive), as '/'
// separated paths relative to `dir`, in natural order. Files under `skip_dir` and mask files
// ("*.mask.png", "*_mask.png") are left out. Throws Error when `dir` does not exist or is not a
// folder.
std::vector<std::string> ListImagesRecursive(const std::string& dir, const std::string& skip_dir);

}  // namespace prep360
