// prep360 mask: images -> one mask per image for COLMAP, RealityScan, Metashape or nerfstudio.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddMaskCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kMask,
      "Segment images (files, and folders searched recursively) with a YOLO ONNX model and write one mask per image\n"
      "in the target tool's naming and polarity (objects 0 = ignore, the rest 255 = keep), plus "
      "MASKS_DIR/report.json.",
      [](JobFlags& f) {
        f.AddInputs("images", "Image files and folders of images (JPEG/PNG/TIFF, sub-folders included)");
        f.AddDetect();
        f.AddMask(false);
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
