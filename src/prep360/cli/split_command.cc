// prep360 split: equirect panoramas -> a rig of pinhole views + COLMAP rig export.
#include <cstdio>

#include "prep360/cli/commands.h"
#include "prep360/cli/mask_options.h"
#include "prep360/cli/output_options.h"
#include "prep360/cli/view_options.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/split_job.h"

namespace prep360::cli {
namespace {

struct SplitArgs {
  std::vector<std::string> inputs;
  std::string output;
  ViewOptions views;
  OutputOptions out;
  MaskOptions masks;
};

int RunSplitCommand(const SplitArgs& a) {
  SplitOptions o;
  o.inputs = ExpandInputs(a.inputs);
  o.output_dir = a.output;
  o.rig = a.views.Build();
  a.out.Apply(o);
  o.masking = a.masks.Build(a.out.threads);
  InstallInterruptHandler();
  return FinishRun(RunSplit(o), a.out, a.output);
}

}  // namespace

Runner AddSplitCommand(CLI::App& app) {
  auto args = std::make_shared<SplitArgs>();
  CLI::App* cmd = app.add_subcommand(
      "split",
      "Cut equirectangular panoramas into the pinhole views of a rig.\n"
      "Writes OUT/images/<view>/<frame>.<ext> (frame = the input's file stem), OUT/rig_config.json\n"
      "and OUT/cameras.txt for COLMAP, OUT/rig.json and OUT/report.json (settings, counts, timing).");
  cmd->add_option("inputs", args->inputs, "Panorama files (JPEG/PNG/TIFF, 2:1) or folders of them")
      ->required();
  cmd->add_option("-o,--output", args->output, "Output folder (created if missing)")->required();
  args->views.Add(*cmd);
  args->out.Add(*cmd, true);
  args->masks.Add(*cmd);
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunSplitCommand(*args);
  };
}

}  // namespace prep360::cli
