#pragma once
// `prep360 classify`: images (files and folders) through a generic classifier
// (detect/classifier.h) on the streaming image job, one JSON per image: OUT/<path without extension>.json =
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

// Runs a checked classify document (job.classify: the model, its JSON, its device). Throws Error
// for a bad model, JSON or input (before anything is written).
ClassifyJobResult RunClassifyJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel);

}  // namespace prep360
