#include "prep360/cli/k8s_manifest.h"

#include <sstream>

#include <fmt/format.h>

namespace prep360::cli {
namespace {

// `text` as a YAML block scalar, each line indented by `indent` spaces.
std::string Block(const std::string& text, int indent) {
  std::string out;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) out += std::string(static_cast<std::size_t>(indent), ' ') + line + "\n";
  return out;
}

// A double-quoted YAML string.
std::string Quote(const std::string& text) {
  std::string q = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') q += '\\';
    q += c;
  }
  return q + "\"";
}

std::string PodVolumes(const K8sOptions& o, const std::string& name) {
  return fmt::format(
      "      volumes:\n"
      "      - name: data\n"
      "        persistentVolumeClaim:\n"
      "          claimName: {}\n"
      "      - name: job\n"
      "        configMap:\n"
      "          name: {}-job\n",
      Quote(o.claim), name);
}

std::string Container(const std::string& name, const K8sOptions& o, const std::string& script) {
  return fmt::format(
      "      - name: {}\n"
      "        image: {}\n"
      "        workingDir: {}\n"
      "        command: [\"/bin/sh\", \"-c\"]\n"
      "        args:\n"
      "        - {}\n"
      "        resources:\n"
      "          requests:\n"
      "            cpu: {}\n"
      "            memory: {}\n"
      "          limits:\n"
      "            memory: {}\n"
      "        volumeMounts:\n"
      "        - name: data\n"
      "          mountPath: {}\n"
      "        - name: job\n"
      "          mountPath: /etc/prep360\n"
      "          readOnly: true\n",
      name, Quote(o.image), Quote(o.mount_path), Quote(script), Quote(o.cpu), Quote(o.memory), Quote(o.memory),
      Quote(o.mount_path));
}

}  // namespace

std::string RenderK8sManifests(const ClusterJob& job, const K8sOptions& o) {
  const std::string name = "prep360-" + ClusterName(job.job.output, 40);
  const std::string command(NameOf(job.job.command));
  const int n = job.shards;
  std::string y = fmt::format(
      "# prep360 {} as {} shards: an Indexed Job (pod i runs shard i+1 of {}) and a merge Job.\n"
      "# The job document's inputs and output are paths inside the pods (working directory {}).\n"
      "apiVersion: v1\n"
      "kind: ConfigMap\n"
      "metadata:\n"
      "  name: {}-job\n"
      "data:\n"
      "  job.json: |\n{}",
      command, n, n, o.mount_path, name, Block(JobToText(job.job), 4));
  const std::string shard_script = fmt::format(
      "exec prep360 {} --config /etc/prep360/job.json --shard \"$((JOB_COMPLETION_INDEX + 1))/{}\" "
      "--threads {} --progress none",
      command, n, job.cpus_per_task > 0 ? job.cpus_per_task : 0);
  y += fmt::format(
      "---\n"
      "apiVersion: batch/v1\n"
      "kind: Job\n"
      "metadata:\n"
      "  name: {}-shards\n"
      "spec:\n"
      "  completionMode: Indexed\n"
      "  completions: {}\n"
      "  parallelism: {}\n"
      "  backoffLimit: {}\n"
      "  template:\n"
      "    spec:\n"
      "      restartPolicy: Never\n"
      "      containers:\n",
      name, n, n, 3 * n);
  y += Container("shard", o, shard_script) + PodVolumes(o, name);
  const std::string merge_script = fmt::format(
      "until [ \"$(ls {0}/report.shard-*-of-{1}.json 2>/dev/null | wc -l)\" -ge {1} ]; do sleep 15; done; "
      "exec prep360 merge {0}",
      ShellQuote(job.job.output), n);
  y += fmt::format(
      "---\n"
      "apiVersion: batch/v1\n"
      "kind: Job\n"
      "metadata:\n"
      "  name: {}-merge\n"
      "spec:\n"
      "  backoffLimit: 2\n"
      "  activeDeadlineSeconds: 604800\n"
      "  template:\n"
      "    spec:\n"
      "      restartPolicy: Never\n"
      "      containers:\n",
      name);
  K8sOptions merge = o;
  merge.cpu = "100m";
  y += Container("merge", merge, merge_script) + PodVolumes(o, name);
  return y;
}

}  // namespace prep360::cli
