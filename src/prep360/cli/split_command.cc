// prep360 split: equirect panoramas -> a rig of pinhole views + COLMAP rig export.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddSplitCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kSplit,
      "Cut equirectangular panoramas into the pinhole views of a rig.\n"
      "Writes OUT/images/<view>/<frame>.<ext> (frame = the input's file stem), OUT/rig_config.json\n"
      "and OUT/cameras.txt for COLMAP, OUT/rig.json, OUT/job.json and OUT/report.json (settings, counts, timing).",
      [](JobFlags& f) {
        f.AddInputs("inputs", "Panorama files (JPEG/PNG/TIFF, 2:1) or folders of them");
        f.AddInput();
        f.AddRig();
        f.AddEncode();
        f.AddDetect();
        f.AddMask(true);
        f.AddDataset(false);
        f.AddPrivacy();
        f.AddAnnotations();
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
