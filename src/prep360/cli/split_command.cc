// prep360 split: equirect panoramas -> a rig of pinhole views + COLMAP rig export.
#include <cstdio>

#include "prep360/cli/commands.h"
#include "prep360/cli/view_options.h"
#include "prep360/image/image_io.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/split_job.h"
#include "prep360/pipeline/split_report.h"
#include "prep360/reproject/interpolation.h"

namespace prep360::cli {
namespace {

struct SplitArgs {
  std::vector<std::string> inputs;
  std::string output;
  ViewOptions views;
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
};

int RunSplitCommand(const SplitArgs& a) {
  SplitOptions o;
  o.inputs = ExpandInputs(a.inputs);
  o.output_dir = a.output;
  o.rig = a.views.Build();
  o.format = ParseImageFormat(a.format);
  o.encode.jpeg_quality = a.quality;
  o.encode.jpeg_subsample_420 = a.subsampling == "420";
  o.encode.png_compression = a.png_level;
  o.interpolation = ParseInterpolation(a.interp);
  o.threads = a.threads;
  o.resume = a.resume;
  o.write_metadata = !a.no_metadata;
  o.progress = a.quiet ? ProgressMode::kNone : ParseProgressMode(a.progress);
  o.warn = [](const std::string& m) { std::fprintf(stderr, "\r\x1b[Kprep360: %s\n", m.c_str()); };
  InstallInterruptHandler();
  const SplitResult r = RunSplit(o);
  if (!a.quiet) std::fputs(FormatSplitSummary(r).c_str(), stderr);
  if (r.interrupted) return kExitInterrupted;
  if (!r.failures.empty()) {
    std::fprintf(stderr, "prep360: %zu of %lld inputs failed (listed above and in %s/report.json)\n",
                 r.failures.size(), static_cast<long long>(r.frames_total), a.output.c_str());
    return kExitFailure;
  }
  return kExitOk;
}

}  // namespace

Runner AddSplitCommand(CLI::App& app) {
  auto args = std::make_shared<SplitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "split",
      "Cut equirectangular panoramas into the pinhole views of a rig.\n"
      "Writes OUT/images/<view>/<frame>.<ext> (frame = the input's file stem), OUT/rig_config.json\n"
      "and OUT/cameras.txt for COLMAP, OUT/rig.json and OUT/report.json (settings, counts, timing).");
  cmd->add_option("inputs", args->inputs, "Panorama files (JPEG/PNG/TIFF, 2:1) or folders of them")
      ->required();
  cmd->add_option("-o,--output", args->output, "Output folder (created if missing)")->required();
  args->views.Add(*cmd);
  cmd->add_option("--format", args->format, "Output format: jpg, png or tif")
      ->check(CLI::IsMember({"jpg", "jpeg", "png", "tif", "tiff"}))
      ->capture_default_str();
  cmd->add_option("--quality", args->quality, "JPEG quality")->check(CLI::Range(1, 100))->capture_default_str();
  cmd->add_option("--subsampling", args->subsampling, "JPEG chroma subsampling: 420 or 444")
      ->check(CLI::IsMember({"420", "444"}))
      ->capture_default_str();
  cmd->add_option("--png-level", args->png_level, "PNG compression: 1 fast (default), 2..9 smaller and slower (zlib), 0 none; also TIFF deflate")
      ->check(CLI::Range(0, 9))
      ->capture_default_str();
  cmd->add_option("--interp", args->interp, "Interpolation: nearest, bilinear, bicubic, lanczos3")
      ->check(CLI::IsMember({"nearest", "bilinear", "bicubic", "lanczos3", "lanczos"}))
      ->capture_default_str();
  cmd->add_option("-j,--threads", args->threads, "Worker threads (default: all cores)")
      ->check(CLI::Range(1, 1024));
  cmd->add_flag("--resume", args->resume,
                "Keep views already written (same rig and size required) and do only the rest");
  cmd->add_flag("--no-metadata", args->no_metadata, "Write no EXIF/XMP into the views");
  cmd->add_option("--progress", args->progress,
                  "auto (bar on a terminal, plain lines otherwise), bar, plain or none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}))
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunSplitCommand(*args);
  };
}

}  // namespace prep360::cli
