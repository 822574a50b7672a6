#pragma once
// `prep360 mask`: masks for a folder of images (any tree of JPEG/PNG/TIFF files). Images are
// read and decoded in parallel, segmented in batches, dilated, turned into the target tool's
// polarity (object -> 0 = ignore, background -> 255 = keep; invert swaps) and written atomically
// under the style's path. Bad images are reported in one line each and skipped.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "prep360/job/job_document.h"
#include "prep360/detect/segmenter.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/job_observer.h"

namespace prep360 {

struct MaskJobResult {
  std::int64_t images = 0;   // found
  std::int64_t written = 0;  // mask files written
  std::int64_t empty = 0;    // images with nothing masked
  std::int64_t failed = 0;   // skipped (unreadable, undecodable, unwritable)
  bool interrupted = false;
  std::string provider;
  double wall_s = 0;
  // Busy thread-seconds per phase.
  double read_s = 0, decode_s = 0, mask_ops_s = 0, encode_s = 0, write_s = 0;
  MaskTimes model;
};

// The images under `dir` (recursive; .jpg/.jpeg/.png/.tif/.tiff, case-insensitive), as '/'
// separated paths relative to `dir`, in natural order. Files under `skip_dir` and mask files
// ("*.mask.png", "*_mask.png") are left out. Throws Error when `dir` does not exist or is not a
// folder.
std::vector<std::string> ListImagesRecursive(const std::string& dir, const std::string& skip_dir);

// Runs a checked mask document: inputs[0] is the images folder, output the masks folder (mask
// files named by DatasetLayout's MaskPathFor, polarity by MaskFile). The model loads before the
// folder is listed. Throws Error for a bad model or folder; per-image problems are counted in
// `failed` and told to the observer. Writes MASKS_DIR/report.json.
// `model`: a loaded segmenter for job.detect to share instead of loading the model.
MaskJobResult RunMaskJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                         std::shared_ptr<Segmenter> model = nullptr);

}  // namespace prep360
