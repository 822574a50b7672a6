// prep360 slurm JOB.json --shards N: the job as a Slurm job array plus a merge job; submits both.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>

#include <fmt/format.h>

#include "prep360/cli/commands.h"
#include "prep360/cli/slurm_script.h"
#include "prep360/util/subprocess.h"
#include "prep360/util/atomic_file.h"

namespace prep360::cli {
namespace {

namespace fs = std::filesystem;

struct SlurmArgs {
  std::string job_file;
  int shards = 0;
  SlurmOptions options;
  int cpus_per_task = 0;
  std::string memory;
  bool dry_run = false;
};

// The job id sbatch --parsable prints ("123" or "123;cluster").
std::string Submit(const std::vector<std::string>& argv) {
  int exit_code = -1;
  const std::string out = CaptureSubprocess(argv, {}, &exit_code, Stderr::kPassThrough);
  if (exit_code == 127) throw FileError(argv[0], "cannot run it (is Slurm installed?)");
  std::string id = out.substr(0, out.find_first_of(";\n"));
  if (exit_code != 0 || id.empty()) {
    throw Error(fmt::format("{} failed (exit code {}); the scripts are in place: submit them by hand", argv.back(),
                            exit_code));
  }
  return id;
}

int RunSlurm(const SlurmArgs& a) {
  ClusterJob job;
  try {
    job.job = ReadShardableJob(a.job_file, a.shards);
  } catch (const Error& e) {
    throw UsageError(e.what());
  }
  job.job_file = fs::absolute(a.job_file).lexically_normal().string();
  job.shards = a.shards;
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  job.executable = ec ? std::string("prep360") : self.string();
  job.cpus_per_task = a.cpus_per_task;
  job.memory = a.memory;
  SlurmOptions o = a.options;
  o.work_dir = fs::current_path().string();
  if (o.scripts_dir.empty()) o.scripts_dir = (fs::path(job.job.output) / "slurm").string();
  o.scripts_dir = fs::absolute(o.scripts_dir).lexically_normal().string();
  const SlurmScripts s = RenderSlurmScripts(job, o);
  if (a.dry_run) {
    std::fputs(fmt::format("# {}\n{}\n# {}\n{}", s.shards_path, s.shards, s.merge_path, s.merge).c_str(), stdout);
    return kExitOk;
  }
  fs::create_directories(o.scripts_dir, ec);
  if (ec) throw FileError(o.scripts_dir, "cannot create the folder: " + ec.message());
  WriteTextFileAtomic(s.shards_path, s.shards);
  WriteTextFileAtomic(s.merge_path, s.merge);
  const std::string array_id = Submit({"sbatch", "--parsable", s.shards_path});
  const std::string merge_id = Submit({"sbatch", "--parsable", "--dependency=afterany:" + array_id, s.merge_path});
  std::printf("submitted job array %s (%d shards) and merge job %s (after %s); scripts and logs in %s\n",
              array_id.c_str(), a.shards, merge_id.c_str(), array_id.c_str(), o.scripts_dir.c_str());
  return kExitOk;
}

}  // namespace

Runner AddSlurmCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "slurm",
      "Run a job document on a Slurm cluster: writes an sbatch job-array script (task K runs `--shard K/N`) and a\n"
      "merge job that runs `prep360 merge` after every task ended, and submits both with sbatch.");
  auto a = std::make_shared<SlurmArgs>();
  cmd->add_option("job", a->job_file, "The job document (JOB.json, as --print-config writes it)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--shards", a->shards, "Number of shards (array tasks)")->required()->check(CLI::Range(1, 100000));
  cmd->add_option("--partition", a->options.partition, "Slurm partition; default: the cluster's");
  cmd->add_option("--time", a->options.time_limit, "Time limit per task (Slurm format, e.g. 2:00:00)");
  cmd->add_option("--cpus-per-task", a->cpus_per_task, "Cores per task, also the shard's --threads")
      ->check(CLI::Range(1, 1024));
  cmd->add_option("--mem", a->memory, "Memory per task (Slurm format, e.g. 4G); see docs/scale.md");
  cmd->add_option("--scripts-dir", a->options.scripts_dir, "Where the scripts and logs go; default: OUTPUT/slurm");
  cmd->add_flag("--dry-run", a->dry_run, "Print the scripts; write and submit nothing");
  return [cmd, a]() -> int {
    if (!cmd->parsed()) return -1;
    return RunSlurm(*a);
  };
}

}  // namespace prep360::cli
