// prep360 rig list | rig show NAME [--picture FILE]
#include <cstdio>

#include "prep360/cli/commands.h"
#include "prep360/cli/job_flags.h"
#include "prep360/image/image_io.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig_json.h"
#include "prep360/rig/rig_coverage.h"
#include "prep360/rig/rig_picture.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360::cli {
namespace {

struct RigArgs {
  RigRequest rig;
  int pano_width = 0;  // to resolve density-matched sizes
  std::string picture;
  int picture_width = 2048;
  std::string background;
};

int RunShow(const RigArgs& a) {
  Rig rig = a.rig.Build();
  Image background;
  int pano_width = a.pano_width;
  if (!a.background.empty()) {
    background = ReadImage(a.background);
    if (pano_width == 0) pano_width = background.width();
  }
  rig = ResolveViewSizes(rig, pano_width > 0 ? pano_width : 7680);
  std::fputs(RigToJson(rig).c_str(), stdout);
  const RigCoverage coverage = ComputeCoverage(rig);
  std::fprintf(stderr,
               "%zu views; sphere covered %.1f%%, seen by two or more views %.1f%%, "
               "smallest overlap between neighbours %.0f%%%s\n",
               rig.views.size(), coverage.covered * 100, coverage.overlapped * 100,
               coverage.min_neighbour_overlap * 100,
               pano_width > 0 ? "" : " (sizes for a 7680-wide panorama; --pano-width to change)");
  if (!a.picture.empty()) {
    const Image pic = DrawRigPicture(rig, a.picture_width, background.empty() ? nullptr : &background);
    WriteFileAtomic(a.picture, EncodeImage(pic, FormatFromPath(a.picture), EncodeOptions{}));
    std::fprintf(stderr, "wrote %s\n", a.picture.c_str());
  }
  return kExitOk;
}

int RunList() {
  for (const PresetInfo& p : ListPresets()) {
    std::printf("%-14s %s%s\n", p.name.c_str(), p.description.c_str(),
                p.name == kDefaultRigName ? " (default)" : "");
  }
  return kExitOk;
}

}  // namespace

Runner AddRigCommand(CLI::App& app) {
  auto args = std::make_shared<RigArgs>();
  CLI::App* rig = app.add_subcommand("rig", "List rig presets, or print a rig as JSON and draw its footprint");
  rig->require_subcommand(1);
  CLI::App* list = rig->add_subcommand("list", "List the rig presets");
  CLI::App* show = rig->add_subcommand(
      "show",
      "Print a rig (preset or .json) as rig JSON on stdout, with its sphere coverage on stderr;\n"
      "optionally draw every view's footprint on an equirect picture");
  auto binder = std::make_shared<FieldBinder>(*show);
  binder->AddRig(args->rig, false);
  show->add_option("name", args->rig.name, "Preset name or rig .json file (same as --rig)");
  show->add_option("--pano-width", args->pano_width,
                   "Panorama width used to size views that have no size (default 7680, or the background's)")
      ->check(CLI::Range(64, 65536));
  show->add_option("--picture", args->picture, "Write the footprint picture here (.png or .jpg)");
  show->add_option("--picture-width", args->picture_width, "Picture width in pixels (height is half)")
      ->check(CLI::Range(256, 16384))
      ->capture_default_str();
  show->add_option("--background", args->background, "Draw over this equirect panorama");
  return [list, show, args, binder]() -> int {
    if (list->parsed()) return RunList();
    if (show->parsed()) {
      try {
        args->rig.Check("/rig");
      } catch (const Error& e) {
        throw UsageError(binder->FlagsForPointers(e.what()));
      }
      return RunShow(*args);
    }
    return -1;
  };
}

}  // namespace prep360::cli
