#pragma once
// `prep360 mask`: masks for a folder of images (any tree of JPEG/PNG/TIFF files), on the streaming
// image job: JPEGs are decoded at the smallest DCT scale that still covers the model's input
// (ImageSteps::footprint), segmented in batches of detect.batch while the next batches decode,
// then each mask is dilated, turned into the target tool's polarity (object -> 0 = ignore,
// background -> 255 = keep; invert swaps), encoded as a 1-bit PNG (EncodeMaskPng) and written
// atomically under the style's path, at the image's full size. Bad images are reported in one line
// each and skipped.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "prep360/job/job_document.h"
#include "prep360/detect/segmenter.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/image_job.h"
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
  // Thread CPU seconds of the same phases, and of the whole process while the images ran.
  double read_cpu_s = 0, decode_cpu_s = 0, mask_ops_cpu_s = 0, encode_cpu_s = 0, write_cpu_s = 0;
  double process_cpu_s = 0;
  MaskTimes model;
};

// Runs a checked mask document: inputs are image files and folders (ListImageInputs), output the masks folder (mask
// files named by DatasetLayout's MaskPathFor, polarity by MaskFile). The model loads before the
// folder is listed. Throws Error for a bad model or folder; per-image problems are counted in
// `failed` and told to the observer. Writes MASKS_DIR/report.json.
// `model`: a loaded segmenter for job.detect to share instead of loading the model.
MaskJobResult RunMaskJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                         std::shared_ptr<Segmenter> model = nullptr);

}  // namespace prep360
