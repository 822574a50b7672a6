#pragma once
// Masking options shared by split and run (--mask, --model, --classes, ...).
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "prep360/pipeline/frame_masker.h"

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

  void Add(CLI::App& app);
  // Throws Error for --mask without --model.
  MaskingOptions Build(int threads) const;
};

}  // namespace prep360::cli
