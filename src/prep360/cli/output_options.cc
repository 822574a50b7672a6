#include "prep360/cli/output_options.h"

#include <cstdio>

#include "prep360/cli/commands.h"
#include "prep360/pipeline/split_report.h"

namespace prep360::cli {

void OutputOptions::Add(CLI::App& app, bool with_interp) {
  app.add_option("--format", format, "Output format: jpg, png or tif (png/tif keep 10-bit video at 16 bits)")
      ->check(CLI::IsMember({"jpg", "jpeg", "png", "tif", "tiff"}))
      ->capture_default_str();
  app.add_option("--quality", quality, "JPEG quality")->check(CLI::Range(1, 100))->capture_default_str();
  app.add_option("--subsampling", subsampling, "JPEG chroma subsampling: 420 or 444")
      ->check(CLI::IsMember({"420", "444"}))
      ->capture_default_str();
  app.add_option("--png-level", png_level,
                 "PNG compression: 1 fast (default), 2..9 smaller and slower (zlib), 0 none; also TIFF deflate")
      ->check(CLI::Range(0, 9))
      ->capture_default_str();
  if (with_interp) {
    app.add_option("--interp", interp, "Interpolation: nearest, bilinear, bicubic, lanczos3")
        ->check(CLI::IsMember({"nearest", "bilinear", "bicubic", "lanczos3", "lanczos"}))
        ->capture_default_str();
  }
  app.add_option("-j,--threads", threads, "Worker threads (default: all cores)")->check(CLI::Range(1, 1024));
  app.add_flag("--resume", resume, "Keep files already written (same settings required) and do only the rest");
  app.add_flag("--no-metadata", no_metadata, "Write no EXIF/XMP into the images");
  app.add_option("--progress", progress, "auto (bar on a terminal, plain lines otherwise), bar, plain or none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "No progress and no summary");
}

void OutputOptions::Apply(SplitOptions& o) const {
  o.format = ParseImageFormat(format);
  o.encode.jpeg_quality = quality;
  o.encode.jpeg_subsample_420 = subsampling == "420";
  o.encode.png_compression = png_level;
  o.interpolation = ParseInterpolation(interp);
  o.threads = threads;
  o.resume = resume;
  o.write_metadata = !no_metadata;
  o.progress = quiet ? ProgressMode::kNone : ParseProgressMode(progress);
  o.warn = [](const std::string& m) { std::fprintf(stderr, "\r\x1b[Kprep360: %s\n", m.c_str()); };
}

int FinishRun(const SplitResult& r, const OutputOptions& options, const std::string& output_dir) {
  if (!options.quiet) std::fputs(FormatSplitSummary(r).c_str(), stderr);
  if (r.interrupted) return kExitInterrupted;
  if (!r.failures.empty()) {
    std::fprintf(stderr, "prep360: %zu problem(s), %lld of %lld frames done (listed above and in %s/report.json)\n",
                 r.failures.size(), static_cast<long long>(r.frames_done), static_cast<long long>(r.frames_total),
                 output_dir.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace prep360::cli
