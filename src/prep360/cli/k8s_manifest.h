#pragma once
// `prep360 k8s`: a job as Kubernetes objects, one YAML stream: a ConfigMap holding the job
// document, an Indexed Job (completionMode: Indexed; pod i runs shard i+1 of N, from
// JOB_COMPLETION_INDEX) and a merge Job that waits until all N shard reports are on the shared
// volume and then runs `prep360 merge`. Every pod mounts one ReadWriteMany volume claim.
#include <string>

#include "prep360/scale/cluster_job.h"

namespace prep360::cli {

struct K8sOptions {
  std::string image;       // container image with prep360 on PATH
  std::string claim;       // PersistentVolumeClaim (ReadWriteMany) with the inputs and the dataset
  std::string mount_path;  // where it is mounted; the pods' working directory
  std::string cpu;         // request per shard pod, e.g. "2"
  std::string memory;      // request and limit per shard pod, e.g. "2Gi"
};

std::string RenderK8sManifests(const ClusterJob& job, const K8sOptions& options);

}  // namespace prep360::cli
