// prep360 merge DATASET: joins the reports of a sharded job (--shard K/N) into DATASET/report.json.
#include <cstdio>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "prep360/cli/commands.h"
#include "prep360/scale/shard_merge.h"

namespace prep360::cli {

Runner AddMergeCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Join the shards of a job: after `prep360 <job command> ... --shard K/N` ran for K = 1..N into one\n"
      "folder, checks that every shard finished the same job document and rig, names missing shards, and writes\n"
      "the folder's single report.json (the shards' report.shard-K-of-N.json files are kept). The shards' parts of\n"
      "gps.csv and track.geojson, detections.json and text.json become those files, as one run writes them.");
  auto dataset = std::make_shared<std::string>();
  auto quiet = std::make_shared<bool>(false);
  cmd->add_option("dataset", *dataset, "The dataset folder (mask: the masks folder)")->required();
  cmd->add_flag("-q,--quiet", *quiet, "No summary");
  return [cmd, dataset, quiet]() -> int {
    if (!cmd->parsed()) return -1;
    const MergeResult r = MergeShards(*dataset);
    if (!*quiet) {
      std::fprintf(stderr, "prep360 merge: %d shards of %s, %lld inputs, %lld failed%s -> %s\n", r.shards,
                   r.command.c_str(), static_cast<long long>(r.frames), static_cast<long long>(r.failures),
                   r.stale_temps_removed > 0 ? fmt::format(", {} stale temp files removed", r.stale_temps_removed).c_str()
                                             : "",
                   r.report.c_str());
    }
    return r.failures > 0 ? kExitFailure : kExitOk;
  };
}

}  // namespace prep360::cli
