// prep360 classify IMAGES -o OUT --model PATH: a generic classifier (softmax/sigmoid heads, YOLIC
// cell grids) configured by the JSON beside the model, one OUT/<stem>.json per image.
#include <algorithm>
#include <cstdio>
#include <memory>
#include <string>

#include "prep360/cli/commands.h"
#include "prep360/cli/interrupt.h"
#include "prep360/pipeline/classify_job.h"
#include "prep360/pipeline/terminal_observer.h"

namespace prep360::cli {
namespace {

struct ClassifyArgs {
  std::string images, output, model, config, device = "auto", progress = "auto";
  int threads = 0;
};

int Run(const ClassifyArgs& a) {
  JobDocument job;
  job.inputs = {a.images};
  job.output = a.output;
  job.detect.model = a.model;
  job.detect.device = ParseName<Device>(a.device, "--device");
  job.runtime.threads = a.threads;
  job.runtime.progress = ParseName<ProgressMode>(a.progress, "--progress");
  const CancelToken cancel = InstallInterruptHandler();
  TerminalObserver observer(job.runtime.progress);
  const ClassifyJobResult r = RunClassifyJob(job, a.config, observer, cancel);
  const double n = static_cast<double>(std::max<std::int64_t>(1, r.images.done));
  std::fprintf(stderr, "prep360 classify: %lld images, %lld labels (%s), %lld failed; %.2f s (inference %.1f ms/image)\n",
               static_cast<long long>(r.images.images), static_cast<long long>(r.labels), r.provider.c_str(),
               static_cast<long long>(r.images.failed), r.images.wall_s, 1000 * r.inference_s / n);
  if (r.images.interrupted) return kExitInterrupted;
  return r.images.failed > 0 ? kExitFailure : kExitOk;
}

}  // namespace

Runner AddClassifyCommand(CLI::App& app) {
  auto a = std::make_shared<ClassifyArgs>();
  CLI::App* cmd = app.add_subcommand(
      "classify",
      "Classify a folder of images (searched recursively) with an ONNX classifier configured by the JSON\n"
      "beside it (MODEL.json: labels, softmax or sigmoid head, input size and normalisation, optional\n"
      "YOLIC-style cell grid; see docs/models.md) and write OUT/<path>.json per image:\n"
      "{\"image\", \"width\", \"height\", \"labels\": [{\"label\", \"score\"}]} or, for a grid,\n"
      "{..., \"cells\": [{\"cell\", \"box\": [x0, y0, x1, y1], \"labels\": [...]}]} in pixels, plus OUT/report.json.");
  cmd->add_option("images", a->images, "Folder of images (JPEG/PNG/TIFF, sub-folders included)")->required();
  cmd->add_option("-o,--output", a->output, "Output folder (created)")->required();
  cmd->add_option("--model", a->model, "Classifier ONNX file (its JSON sits beside it)")->required();
  cmd->add_option("--config", a->config, "The classifier's JSON, when not MODEL.json beside the model");
  cmd->add_option("--device", a->device, "auto, cpu, cuda or tensorrt")
      ->check(CLI::IsMember({"auto", "cpu", "cuda", "tensorrt"}))
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Threads (0 = one per core)")->check(CLI::Range(0, 1024))->capture_default_str();
  cmd->add_option("--progress", a->progress, "Progress display on stderr: auto, bar, plain or none")
      ->check(CLI::IsMember({"auto", "bar", "plain", "none"}))
      ->capture_default_str();
  return [cmd, a]() -> int {
    if (!cmd->parsed()) return -1;
    return Run(*a);
  };
}

}  // namespace prep360::cli
