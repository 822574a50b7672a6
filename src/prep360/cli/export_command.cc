// prep360 export DATASET --to realityscan|metashape|nerfstudio|colmap [-o DIR] [--copy]
#include <cstdio>
#include <memory>

#include "prep360/cli/commands.h"
#include "prep360/export/dataset_export.h"

namespace prep360::cli {
namespace {

struct ExportArgs {
  std::string dataset;
  std::vector<std::string> targets;
  std::string output;
  bool copy = false;
  bool quiet = false;
};

}  // namespace

Runner AddExportCommand(CLI::App& app) {
  auto args = std::make_shared<ExportArgs>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write a dataset (split/run output, with DATASET/sparse/0 after prep360 sfm) for a target tool (docs/export.md):\n"
      "  realityscan  XMP sidecars (calibration, rig, rotation prior; pose with sparse/0) and masks beside the images\n"
      "  metashape    calibration XML per view size, import_rig.py (multi-camera system) and masks, in DATASET/metashape/\n"
      "  nerfstudio   transforms.json + sparse_pc.ply from sparse/0 (nerfstudio, gsplat, Brush, LichtFeld), in DATASET/\n"
      "  colmap       rig_config.json, cameras.txt, masks and sparse/0 as text, in DATASET/colmap_export/");
  cmd->add_option("dataset", args->dataset, "The dataset folder (OUT of prep360 split/run)")->required();
  cmd->add_option("--to", args->targets, "Target tool(s), comma-separated: " + ChoiceList<ExportTarget>())
      ->required()
      ->delimiter(',');
  cmd->add_option("-o,--output", args->output,
                  "Write here instead of the target's default place (one target only; realityscan links the images here)");
  cmd->add_flag("--copy", args->copy, "nerfstudio: copy the images next to transforms.json instead of referencing them");
  cmd->add_flag("-q,--quiet", args->quiet, "No summary");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    if (!args->output.empty() && args->targets.size() > 1) throw UsageError("--output takes one --to target, not several");
    std::vector<ExportTarget> targets;
    for (const std::string& name : args->targets) {
      ExportTarget target{};
      if (!LookupName(name, &target)) {
        throw UsageError("--to: unknown target '" + name + "' (" + ChoiceList<ExportTarget>() + ")");
      }
      targets.push_back(target);
    }
    for (const ExportTarget target : targets) {
      const ExportSummary s = ExportDataset(args->dataset, target, ExportOptions{args->output, args->copy});
      if (!args->quiet) std::fprintf(stderr, "prep360 export %s\n", FormatExportSummary(target, s).c_str());
    }
    return kExitOk;
  };
}

}  // namespace prep360::cli
