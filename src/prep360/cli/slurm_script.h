#pragma once
// `prep360 slurm`: a job as a Slurm job array (one task per shard, the shard taken from
// SLURM_ARRAY_TASK_ID) and a merge job that runs after every task ended
// (--dependency=afterany:<array job>); `prep360 merge` then names any shard that failed.
#include <string>

#include "prep360/scale/cluster_job.h"

namespace prep360::cli {

struct SlurmOptions {
  std::string partition;   // "" = the cluster's default
  std::string time_limit;  // per task, Slurm's format ("30", "2:00:00", "1-0"); "" = default
  std::string scripts_dir; // where the scripts and the tasks' logs go
  std::string work_dir;    // the tasks' working directory (relative paths of the job resolve there)
};

struct SlurmScripts {
  std::string shards_path, shards;  // the array job
  std::string merge_path, merge;    // the merge job
};

SlurmScripts RenderSlurmScripts(const ClusterJob& job, const SlurmOptions& options);

}  // namespace prep360::cli
