#pragma once
// Runs any checked job document (split, run, extract, mask, detect, blur, ocr, classify) with an
// observer and a cancel token: the one call every front end shares (the CLI prints the outcome, the service stores it).
#include <memory>
#include <string>
#include <vector>

#include "prep360/detect/segmenter.h"
#include "prep360/job/job_document.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/job_observer.h"
#include "prep360/pipeline/blur_job.h"
#include "prep360/pipeline/classify_job.h"
#include "prep360/pipeline/detect_job.h"
#include "prep360/pipeline/mask_job.h"
#include "prep360/pipeline/ocr_job.h"
#include "prep360/pipeline/split_job.h"

namespace prep360 {

struct JobOutcome {
  JobCommand command = JobCommand::kSplit;
  SplitResult split;   // split, run, extract
  MaskJobResult mask;  // mask
  DetectJobResult detect;
  BlurJobResult blur;
  OcrJobResult ocr;
  ClassifyJobResult classify;
  std::vector<std::string> export_lines;  // split, run: one summary line per /dataset/export target

  // detect, blur, ocr, classify: the image job's counts and times; null for the others.
  const ImageJobResult* images() const;
  bool interrupted() const;
  // Items that failed (inputs skipped, masks not written).
  std::int64_t failed() const;
};

// Runs `job`. `model`: a loaded segmenter for job.detect to use instead of loading the model
// (a warm model shared by jobs); null: the job loads its own when it needs one. Throws Error for
// problems that stop the whole job before anything is written (see RunSplit, RunMaskJob).
JobOutcome RunJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                  std::shared_ptr<Segmenter> model = nullptr);

// The outcome as JSON: {"counts": {...}, "timing": {...}, "failures": [{"file", "error"}]}
// (split, run, extract: the names of report.json; mask: images, written, empty, failed).
Json JobOutcomeJson(const JobDocument& job, const JobOutcome& outcome);

}  // namespace prep360
