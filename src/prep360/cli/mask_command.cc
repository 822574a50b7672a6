// prep360 mask: a folder of images -> one mask per image for COLMAP, RealityScan, Metashape or nerfstudio.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <memory>

#include "prep360/cli/commands.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/mask_job.h"

namespace prep360::cli {
namespace {

struct MaskArgs {
  std::string images;
  std::string output;
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
  int threads = 0;
  int batch = 8;
  int input_size = 640;
  std::string progress = "auto";
  bool quiet = false;
};

int RunMaskCommand(const MaskArgs& a) {
  MaskJobOptions o;
  o.images_dir = a.images;
  o.masks_dir = a.output;
  o.segmenter.model_path = a.model;
  o.segmenter.device = a.device;
  o.segmenter.threads = a.threads;
  o.segmenter.classes = a.classes;
  o.segmenter.class_names_file = a.class_names;
  o.segmenter.conf = a.conf;
  o.segmenter.iou = a.iou;
  o.segmenter.min_area = a.min_area;
  o.segmenter.max_batch = a.batch;
  o.segmenter.input_size = a.input_size;
  o.segmenter.warn = [](const std::string& msg) { std::fprintf(stderr, "prep360: warning: %s\n", msg.c_str()); };
  o.style = ParseMaskStyle(a.style);
  o.dilate_px = a.dilate;
  o.invert = a.invert;
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
  cmd->add_option("--model", args->model, "ONNX segmentation or detection model (ultralytics YOLOv8/YOLO11 export)")
      ->required();
  cmd->add_option("--classes", args->classes,
                  "Classes to mask, names or ids, or 'all' (default: person, backpack, umbrella, handbag, tie, "
                  "suitcase, cell phone)")
      ->delimiter(',');
  cmd->add_option("--class-names", args->class_names, "File with one class name per line (overrides the model's)");
  cmd->add_option("--conf", args->conf, "Confidence threshold")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--iou", args->iou, "IoU threshold of the class-aware NMS")->check(CLI::Range(0.0, 1.0))->capture_default_str();
  cmd->add_option("--dilate", args->dilate, "Grow the masked regions by PX pixels")->check(CLI::Range(0, 1000));
  cmd->add_option("--min-area", args->min_area, "Ignore instances smaller than PX pixels")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--invert", args->invert, "Masks keep the objects and ignore the rest");
  cmd->add_option("--mask-style", args->style,
                  "Mask naming: colmap (<image>.png), realityscan (<image>.mask.png), metashape (<stem>_mask.png), "
                  "nerfstudio (<stem>.png); same sub-folders as the images")
      ->check(CLI::IsMember({"colmap", "realityscan", "metashape", "nerfstudio"}))
      ->capture_default_str();
  cmd->add_option("--device", args->device, "Execution provider: auto, cpu, cuda, tensorrt (missing ones fall back to cpu)")
      ->check(CLI::IsMember({"auto", "cpu", "cuda", "tensorrt"}))
      ->capture_default_str();
  cmd->add_option("-j,--threads", args->threads, "Threads (0 = all cores)")->check(CLI::NonNegativeNumber);
  cmd->add_option("--batch", args->batch, "Images per inference call when the model allows batches")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  cmd->add_option("--input-size", args->input_size, "Long side of the model input for dynamic-size models")
      ->check(CLI::Range(32, 4096))
      ->capture_default_str();
  cmd->add_option("--progress", args->progress, "Progress display: auto, bar, plain, none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}));
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunMaskCommand(*args);
  };
}

}  // namespace prep360::cli
