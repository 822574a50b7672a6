// prep360 blur: images -> copies with every face blurred irreversibly.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddBlurCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kBlur,
      "Blur every face in images (files, and folders searched recursively) for publishing: BlazeFace finds faces\n"
      "from 24 px in a 1080p image; each is pixelated, Gaussian-blurred and grained beyond recognition\n"
      "(docs/models.md). Writes OUT/<same path> in the same format (--format is not used; EXIF/XMP are not\n"
      "copied) and OUT/report.json.",
      [](JobFlags& f) {
        f.AddInputs("images", "Image files and folders of images (JPEG/PNG/TIFF, sub-folders included)");
        f.AddEncode();
        f.AddPrivacy();
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
