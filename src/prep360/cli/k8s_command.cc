// prep360 k8s JOB.json --shards N: the job as Kubernetes manifests (Indexed Job + merge Job).
#include <cstdio>
#include <memory>
#include <string>

#include "prep360/cli/commands.h"
#include "prep360/cli/k8s_manifest.h"
#include "prep360/version.h"

namespace prep360::cli {
namespace {

struct K8sArgs {
  std::string job_file;
  int shards = 0;
  int threads = 2;
  K8sOptions options{"prep360:" PREP360_VERSION, "prep360-data", "/data", "2", "2Gi"};
};

}  // namespace

Runner AddK8sCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "k8s",
      "Print Kubernetes manifests for a job document: a ConfigMap with the document, an Indexed Job whose pod i runs\n"
      "`--shard i+1/N` (JOB_COMPLETION_INDEX), and a merge Job that runs `prep360 merge` once every shard reported.\n"
      "Apply with `kubectl apply -f -`. All pods share one ReadWriteMany volume claim holding inputs and output.");
  auto a = std::make_shared<K8sArgs>();
  cmd->add_option("job", a->job_file, "The job document (JOB.json); its paths are as the pods see them")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--shards", a->shards, "Number of shards (pods of the Indexed Job)")
      ->required()
      ->check(CLI::Range(1, 100000));
  cmd->add_option("--image", a->options.image, "Container image with prep360 on PATH")->capture_default_str();
  cmd->add_option("--claim", a->options.claim, "PersistentVolumeClaim shared by all pods")->capture_default_str();
  cmd->add_option("--mount", a->options.mount_path, "Where the claim is mounted (the pods' working directory)")
      ->capture_default_str();
  cmd->add_option("--cpus", a->threads, "Cores requested per shard pod, also its --threads")
      ->check(CLI::Range(1, 1024))
      ->capture_default_str();
  cmd->add_option("--memory", a->options.memory, "Memory request and limit per shard pod (see docs/scale.md)")
      ->capture_default_str();
  return [cmd, a]() -> int {
    if (!cmd->parsed()) return -1;
    ClusterJob job;
    try {
      job.job = ReadShardableJob(a->job_file, a->shards);
    } catch (const Error& e) {
      throw UsageError(e.what());
    }
    job.job_file = a->job_file;
    job.shards = a->shards;
    job.cpus_per_task = a->threads;
    K8sOptions o = a->options;
    o.cpu = std::to_string(a->threads);
    std::fputs(RenderK8sManifests(job, o).c_str(), stdout);
    return kExitOk;
  };
}

}  // namespace prep360::cli
