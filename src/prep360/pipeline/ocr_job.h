#pragma once
// `prep360 ocr`: PP-OCR (ocr/ocr_pipeline.h) over images (files and folders) on the streaming image
// job, one JSON per image: OUT/<path without extension>.json = {"image", "width", "height",
// "text": [{"text", "score", "quad": [[x, y] x 4]}]}, quads in pixels (ocr/ocr_json.h), plus
// OUT/report.json. Each image is read by one thread (one intra-op thread per model): text lines
// are small inputs that keep one core busy better than they split across two.
#include <cstdint>
#include <string>

#include "prep360/ocr/ocr_pipeline.h"
#include "prep360/pipeline/image_job.h"

namespace prep360 {

struct OcrJobResult {
  ImageJobResult images;
  std::int64_t texts = 0;  // text lines written, over every image
  std::string provider;    // of the detector
  OcrTimes times;          // summed over the images: inference of each model, and the whole read
};

// Runs a checked ocr document (job.ocr: the models and their settings). Throws Error for a bad
// model or input (before anything is written).
OcrJobResult RunOcrJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel);

}  // namespace prep360
