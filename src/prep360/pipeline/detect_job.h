#pragma once
// `prep360 detect`: detections for a folder of images, one JSON per image:
// OUT/<path without extension>.json = {"image", "width", "height", "detections": [{"class",
// "score", "box": [x0, y0, x1, y1]}]} in pixels, plus OUT/report.json. The model is a registry
// name or a path: a BlazeFace model finds faces (class "face"; scores below 0.8, or below
// /detect/conf when it is higher, are dropped), a YOLO model its selected classes.
#include <cstdint>
#include <string>

#include "prep360/pipeline/image_job.h"

namespace prep360 {

struct DetectJobResult {
  ImageJobResult images;
  std::int64_t detections = 0;
  std::string model;     // resolved path
  std::string kind;      // "face" or the YOLO adapter
  std::string provider;  // execution provider
};

// Throws Error for a bad model or folder (before anything is written).
DetectJobResult RunDetectJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel);

}  // namespace prep360
