#pragma once
// Masking options: the model and mask-file options shared by split, run and mask (--model,
// --classes, --dilate, --mask-style, ...), and split/run's own (--mask, --mask-nadir,
// --ownership-masks).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "prep360/mask/frame_masker.h"

namespace prep360::cli {

struct MaskOptions {
  bool mask = false;
  std::string model;
  std::string device = "auto";
  std::vector<std::string> classes;
  std::string class_names;
  float conf = 0.25f;
  float iou = 0.7f;
  int dilate = 0;
  long long min_area = 0;
  bool invert = false;
  std::string style = "colmap";
  double nadir = -1;
  bool ownership = false;
  int batch = 8;
  int input_size = 640;

  // The options of every masking command; --model is required when model_required.
  void AddModelOptions(CLI::App& app, bool model_required);
  // split/run: AddModelOptions plus --mask, --mask-nadir and --ownership-masks.
  void Add(CLI::App& app);
  SegmenterOptions Segmenter(int threads) const;
  // Throws Error for --mask without --model.
  MaskingOptions Build(int threads) const;
};

}  // namespace prep360::cli
