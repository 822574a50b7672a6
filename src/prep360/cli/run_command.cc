// prep360 run: 360° video -> pinhole views + rig in one streaming pass.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddRunCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kRun,
      "Video to dataset in one pass: decode -> select -> split -> encode -> write, no intermediate\n"
      "files. Writes OUT/images/<view>/frame_<index>.<ext>, OUT/rig_config.json, OUT/cameras.txt,\n"
      "OUT/rig.json, OUT/job.json and OUT/report.json; with --keep-equirect also OUT/equirect/frame_<index>.<ext>.",
      [](JobFlags& f) {
        f.AddInputs("video", "The video file");
        f.AddSource();
        f.AddInput();
        f.AddRig();
        f.AddEncode();
        f.AddDetect();
        f.AddMask(true);
        f.AddDataset(true);
        f.AddPrivacy();
        f.AddAnnotations();
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
