#pragma once
// `prep360 classify`: a folder of images through a generic classifier (detect/classifier.h) on the
// streaming image job, one JSON per image: OUT/<path without extension>.json =
// {"image", "width", "height", "labels": [{"label", "score"}]} for a whole-image classifier, or
// {..., "cells": [{"cell", "box": [x0, y0, x1, y1], "labels": [...]}]} (pixels) for a grid, plus
// OUT/report.json. JPEGs decode at the smallest DCT scale that covers the model's input.
#include <cstdint>
#include <string>

#include "prep360/pipeline/image_job.h"

namespace prep360 {

struct ClassifyJobResult {
  ImageJobResult images;
  std::int64_t labels = 0;  // labels reported, over every image and cell
  std::string model;        // resolved path
  std::string provider;
  double inference_s = 0;
};

// job.detect.model is the model (a path or registry name), job.detect.device its device;
// `config_path` empty: the JSON beside the model. Throws Error for a bad model, JSON or folder
// (before anything is written).
ClassifyJobResult RunClassifyJob(const JobDocument& job, const std::string& config_path, JobObserver& observer,
                                 const CancelToken& cancel);

}  // namespace prep360
