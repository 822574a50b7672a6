// prep360 detect: images -> one detections JSON per image (faces with the registry's
// BlazeFace, or the classes of a YOLO model).
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddDetectCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kDetect,
      "Detect objects in images (files, and folders searched recursively) and write OUT/<path>.json per image:\n"
      "{\"image\", \"width\", \"height\", \"detections\": [{\"class\", \"score\", \"box\": [x0, y0, x1, y1]}]} in "
      "pixels, plus OUT/report.json.\n--model is a registry name (prep360 models; default face: BlazeFace, faces "
      "from 24 px) or a YOLO ONNX file.",
      [](JobFlags& f) {
        f.AddInputs("images", "Image files and folders of images (JPEG/PNG/TIFF, sub-folders included)");
        f.AddDetect();
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
