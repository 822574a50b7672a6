#pragma once
// What a cluster front end (`prep360 slurm`, `prep360 k8s`) needs to know about a job to run it
// as N shards plus a merge step, and the small text helpers both renderers share.
#include <string>

#include "prep360/job/job_document.h"

namespace prep360 {

struct ClusterJob {
  std::string job_file;      // the job document's path, as the cluster's tasks read it
  JobDocument job;           // checked
  int shards = 1;
  std::string executable = "prep360";  // what the tasks run
  int cpus_per_task = 0;               // 0: the scheduler's default; also the shards' runtime.threads
  std::string memory;                  // per task, e.g. "4G" (Slurm) / "4Gi" (Kubernetes); "" = default
};

// Reads and checks JOB.json for `shards` shards: every shard's document must pass Check (e.g.
// source.min_motion cannot be sharded). Throws Error "JOB.json: ...".
JobDocument ReadShardableJob(const std::string& job_file, int shards);

// `text` quoted for a POSIX shell (single quotes).
std::string ShellQuote(const std::string& text);

// A name for the cluster's objects: lower-case letters, digits and '-', from `text` (the
// dataset folder's name), at most `max_length` characters, never empty.
std::string ClusterName(const std::string& text, std::size_t max_length);

}  // namespace prep360
