// prep360 ocr: images (files and folders) -> the text each shows with PP-OCRv4, one JSON per image.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddOcrCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kOcr,
      "Read text in images with PP-OCRv4 (text detection, angle classification, recognition) and write\n"
      "OUT/<path>.json per image: {\"image\", \"width\", \"height\", \"text\": [{\"text\", \"score\", \"quad\": "
      "[[x, y] x 4]}]},\nquads in pixels, plus OUT/report.json. The models are registry names (prep360 models) "
      "or ONNX paths.",
      [](JobFlags& f) {
        f.AddInputs("images", "Image files and folders of images (JPEG/PNG/TIFF, sub-folders included)");
        f.AddOcr();
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
