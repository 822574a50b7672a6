#include "prep360/cli/slurm_script.h"

#include <filesystem>

#include <fmt/format.h>

namespace prep360::cli {
namespace {

std::string Header(const ClusterJob& job, const SlurmOptions& o, const std::string& name, const std::string& log) {
  std::string s = "#!/bin/bash\n";
  s += fmt::format("#SBATCH --job-name={}\n", name);
  s += fmt::format("#SBATCH --chdir={}\n", o.work_dir);
  s += fmt::format("#SBATCH --output={}\n", log);
  if (!o.partition.empty()) s += fmt::format("#SBATCH --partition={}\n", o.partition);
  if (!o.time_limit.empty()) s += fmt::format("#SBATCH --time={}\n", o.time_limit);
  if (job.cpus_per_task > 0) s += fmt::format("#SBATCH --cpus-per-task={}\n", job.cpus_per_task);
  if (!job.memory.empty()) s += fmt::format("#SBATCH --mem={}\n", job.memory);
  return s;
}

}  // namespace

SlurmScripts RenderSlurmScripts(const ClusterJob& job, const SlurmOptions& o) {
  namespace fs = std::filesystem;
  const std::string name = "prep360-" + ClusterName(job.job.output, 40);
  const std::string command(NameOf(job.job.command));
  SlurmScripts out;
  out.shards_path = (fs::path(o.scripts_dir) / "shards.sbatch").string();
  out.merge_path = (fs::path(o.scripts_dir) / "merge.sbatch").string();
  const std::string logs = (fs::path(o.scripts_dir) / "shard-%a.log").string();
  out.shards = Header(job, o, name, logs);
  out.shards += fmt::format("#SBATCH --array=1-{}\n", job.shards);
  out.shards += fmt::format(
      "# prep360 {} of {}, as {} shards: task K runs shard K/{} into the one dataset folder.\n"
      "set -euo pipefail\n"
      "exec {} {} --config {} --shard \"${{SLURM_ARRAY_TASK_ID}}/{}\" --threads \"${{SLURM_CPUS_PER_TASK:-0}}\" "
      "--progress none\n",
      command, job.job_file, job.shards, job.shards, ShellQuote(job.executable), command, ShellQuote(job.job_file),
      job.shards);
  out.merge = Header(ClusterJob{job.job_file, job.job, job.shards, job.executable, 1, ""}, o, name + "-merge",
                     (fs::path(o.scripts_dir) / "merge.log").string());
  out.merge += fmt::format(
      "# Runs after every shard task ended (sbatch --dependency=afterany:<array job>); names shards that did not "
      "finish.\n"
      "set -euo pipefail\n"
      "exec {} merge {}\n",
      ShellQuote(job.executable), ShellQuote(job.job.output));
  return out;
}

}  // namespace prep360::cli
