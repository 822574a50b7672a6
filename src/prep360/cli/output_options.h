#pragma once
// Output options shared by split, run and extract: format and encoding, threads, resume,
// metadata, progress; and the end-of-run summary and exit code.
#include <string>

#include <CLI/CLI.hpp>

#include "prep360/pipeline/split_job.h"

namespace prep360::cli {

struct OutputOptions {
  std::string format = "jpg";
  int quality = 95;
  std::string subsampling = "420";
  int png_level = 1;
  std::string interp = "bilinear";
  int threads = 0;
  bool resume = false;
  bool no_metadata = false;
  std::string progress = "auto";
  bool quiet = false;

  // with_interp: the command reprojects (split, run), so --interp applies.
  void Add(CLI::App& app, bool with_interp);
  // Sets format, encoding, interpolation, threads, resume, metadata, progress and warnings.
  void Apply(SplitOptions& options) const;
};

// Prints the summary (unless quiet) and returns the exit code: 0 all done, 1 failures,
// 130 interrupted.
int FinishRun(const SplitResult& result, const OutputOptions& options, const std::string& output_dir);

}  // namespace prep360::cli
