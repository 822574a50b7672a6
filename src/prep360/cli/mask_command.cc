// prep360 mask: a folder of images -> one mask per image for COLMAP, RealityScan, Metashape or nerfstudio.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "prep360/cli/commands.h"
#include "prep360/cli/mask_options.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/mask_job.h"

namespace prep360::cli {
namespace {

struct MaskArgs {
  std::string images;
  std::string output;
  MaskOptions masks;
  int threads = 0;
  std::string progress = "auto";
  bool quiet = false;
};

int RunMaskCommand(const MaskArgs& a) {
  MaskJobOptions o;
  o.images_dir = a.images;
  o.masks_dir = a.output;
  o.segmenter = a.masks.Segmenter(a.threads);
  o.style = ParseMaskStyle(a.masks.style);
  o.dilate_px = a.masks.dilate;
  o.invert = a.masks.invert;
  o.threads = a.threads;
  o.progress = a.quiet ? ProgressMode::kNone : ParseProgressMode(a.progress);
  InstallInterruptHandler();
  const MaskJobResult r = RunMaskJob(o);
  if (!a.quiet) {
    const double n = static_cast<double>(std::max<std::int64_t>(1, r.images - r.failed));
    std::fprintf(stderr,
                 "prep360 mask: %lld images, %lld masks written, %lld with nothing masked, %lld failed; %s; "
                 "%.2f s (inference %.1f ms/image)\n",
                 static_cast<long long>(r.images), static_cast<long long>(r.written), static_cast<long long>(r.empty),
                 static_cast<long long>(r.failed), r.provider.c_str(), r.wall_s, r.model.inference_s * 1000.0 / n);
  }
  if (r.interrupted) return kExitInterrupted;
  return r.failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace

Runner AddMaskCommand(CLI::App& app) {
  auto args = std::make_shared<MaskArgs>();
  CLI::App* cmd = app.add_subcommand(
      "mask",
      "Segment a folder of images (searched recursively) with a YOLO ONNX model and write one mask per image\n"
      "in the target tool's naming and polarity (objects 0 = ignore, the rest 255 = keep), plus MASKS_DIR/report.json.");
  cmd->add_option("images", args->images, "Folder of images (JPEG/PNG/TIFF, sub-folders included)")->required();
  cmd->add_option("-o,--output", args->output, "Masks folder (created if missing)")->required();
  args->masks.AddModelOptions(*cmd, true);
  cmd->add_option("-j,--threads", args->threads, "Threads (0 = all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--progress", args->progress, "Progress display: auto, bar, plain, none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}));
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunMaskCommand(*args);
  };
}

}  // namespace prep360::cli
