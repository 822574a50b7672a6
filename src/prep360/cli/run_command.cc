// prep360 run: 360° video -> pinhole views + rig in one streaming pass.
#include <filesystem>

#include "prep360/cli/commands.h"
#include "prep360/cli/mask_options.h"
#include "prep360/cli/output_options.h"
#include "prep360/cli/video_options.h"
#include "prep360/cli/view_options.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/split_job.h"
#include "prep360/pipeline/video_source.h"

namespace prep360::cli {
namespace {

struct RunArgs {
  std::string video;
  std::string output;
  bool keep_equirect = false;
  VideoOptions sampling;
  ViewOptions views;
  OutputOptions out;
  MaskOptions masks;
};

int RunRunCommand(const RunArgs& a) {
  SplitOptions o;
  o.command = "run";
  o.output_dir = a.output;
  o.rig = a.views.Build();
  if (a.keep_equirect) o.equirect_dir = (std::filesystem::path(a.output) / "equirect").string();
  a.out.Apply(o);
  o.masking = a.masks.Build(a.out.threads);
  VideoSource source(a.sampling.Build(a.video));
  InstallInterruptHandler();
  return FinishRun(RunSplit(o, source), a.out, a.output);
}

}  // namespace

Runner AddRunCommand(CLI::App& app) {
  auto args = std::make_shared<RunArgs>();
  CLI::App* cmd = app.add_subcommand(
      "run",
      "Video to dataset in one pass: decode -> select -> split -> encode -> write, no intermediate\n"
      "files. Writes OUT/images/<view>/frame_<index>.<ext>, OUT/rig_config.json, OUT/cameras.txt,\n"
      "OUT/rig.json and OUT/report.json; with --keep-equirect also OUT/equirect/frame_<index>.<ext>.");
  cmd->add_option("video", args->video, "The video file")->required();
  cmd->add_option("-o,--output", args->output, "Output folder (created if missing)")->required();
  cmd->add_flag("--keep-equirect", args->keep_equirect, "Also write each kept equirect frame (GPano XMP)");
  args->sampling.Add(*cmd);
  args->views.Add(*cmd);
  args->out.Add(*cmd, true);
  args->masks.Add(*cmd);
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunRunCommand(*args);
  };
}

}  // namespace prep360::cli
