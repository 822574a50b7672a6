// prep360 sfm DATASET [--colmap PATH] [--matcher sequential|exhaustive|vocab-tree] [--gpu] [--threads N]
#include <cstdio>
#include <memory>

#include "prep360/cli/commands.h"
#include "prep360/cli/interrupt.h"
#include "prep360/pipeline/terminal_observer.h"
#include "prep360/sfm/sfm_run.h"

namespace prep360::cli {
namespace {

struct SfmArgs {
  std::string dataset;
  SfmOptions options;
  ProgressMode progress = ProgressMode::kAuto;
  bool quiet = false;
};

}  // namespace

Runner AddSfmCommand(CLI::App& app) {
  auto args = std::make_shared<SfmArgs>();
  CLI::App* cmd = app.add_subcommand(
      "sfm",
      "Reconstruct a dataset with an installed COLMAP (3.8 or newer; docs/colmap.md): feature extraction with the\n"
      "rig's exact intrinsics, matching in video order, mapping (COLMAP >= 3.12: with the rig held fixed). Writes\n"
      "DATASET/sparse/0, DATASET/sfm_report.json (registered images, reprojection error, rig consistency, step\n"
      "times) and keeps COLMAP's database and logs in DATASET/colmap/.");
  cmd->add_option("dataset", args->dataset, "The dataset folder (OUT of prep360 split/run)")->required();
  cmd->add_option("--colmap", args->options.colmap, "COLMAP executable (default: colmap on PATH)");
  std::map<std::string, SfmMatcher> matchers;
  for (const auto& e : EnumNames<SfmMatcher>::table) matchers.emplace(std::string(e.name), e.value);
  cmd->add_option("--matcher", args->options.matcher, "Image pairs to match: " + ChoiceList<SfmMatcher>())
      ->transform(CLI::CheckedTransformer(matchers).description(""))
      ->default_str("sequential");
  cmd->add_option("--overlap", args->options.overlap, "sequential: match each frame with this many following frames")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--vocab-tree", args->options.vocab_tree, "vocab-tree: the vocabulary tree file")
      ->check(CLI::ExistingFile);
  cmd->add_option("--max-features", args->options.max_features,
                  "SIFT features per image (0 = COLMAP's default, 8192; fewer match much faster on a CPU)")
      ->check(CLI::Range(0, 1000000))
      ->capture_default_str();
  cmd->add_flag("--gpu", args->options.gpu, "SIFT extraction and matching on the GPU (a CUDA build of COLMAP)");
  cmd->add_option("-j,--threads", args->options.threads, "Threads for COLMAP (0 = all cores)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  std::map<std::string, ProgressMode> modes;
  for (const auto& e : EnumNames<ProgressMode>::table) modes.emplace(std::string(e.name), e.value);
  cmd->add_option("--progress", args->progress, "Progress display on stderr: " + ChoiceList<ProgressMode>())
      ->transform(CLI::CheckedTransformer(modes).description(""))
      ->default_str("auto");
  cmd->add_flag("-q,--quiet", args->quiet, "No progress and no summary");
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    if (args->options.matcher == SfmMatcher::kVocabTree && args->options.vocab_tree.empty()) {
      throw UsageError("--matcher vocab-tree needs --vocab-tree FILE");
    }
    const CancelToken cancel = InstallInterruptHandler();
    TerminalObserver observer(args->quiet ? ProgressMode::kNone : args->progress);
    const SfmReport report = RunSfm(args->dataset, args->options, observer, cancel);
    if (!args->quiet) std::fputs(FormatSfmSummary(report).c_str(), stderr);
    return report.images_registered == report.images_total ? kExitOk : kExitFailure;
  };
}

}  // namespace prep360::cli
