// prep360 classify IMAGES -o OUT --model PATH: a generic classifier (softmax/sigmoid heads, YOLIC
// cell grids) configured by the JSON beside the model, one OUT/<path>.json per image.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddClassifyCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kClassify,
      "Classify images with an ONNX classifier configured by the JSON beside it (MODEL.json: labels,\n"
      "softmax or sigmoid head, input size and normalisation, optional YOLIC-style cell grid; see\n"
      "docs/models.md) and write OUT/<path>.json per image:\n"
      "{\"image\", \"width\", \"height\", \"labels\": [{\"label\", \"score\"}]} or, for a grid,\n"
      "{..., \"cells\": [{\"cell\", \"box\": [x0, y0, x1, y1], \"labels\": [...]}]} in pixels, plus OUT/report.json.",
      [](JobFlags& f) {
        f.AddInputs("images", "Image files and folders of images (JPEG/PNG/TIFF, sub-folders included)");
        f.AddClassify();
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
