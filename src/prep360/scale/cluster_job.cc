#include "prep360/scale/cluster_job.h"

#include <filesystem>

#include <fmt/format.h>

#include "prep360/scale/shard.h"
#include "prep360/util/error.h"

namespace prep360 {

JobDocument ReadShardableJob(const std::string& job_file, int shards) {
  JobDocument job = ReadJobDocument(job_file);
  if (!job.runtime.shard.empty()) {
    throw FileError(job_file, "/runtime/shard is set; the cluster runs every shard (leave it empty)");
  }
  JobDocument shard = job;
  shard.runtime.shard = ShardText(Shard{1, shards});
  try {
    shard.Check();
  } catch (const Error& e) {
    throw FileError(job_file, e.what());
  }
  return job;
}

std::string ShellQuote(const std::string& text) {
  std::string quoted = "'";
  for (const char c : text) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return quoted + "'";
}

std::string ClusterName(const std::string& text, std::size_t max_length) {
  std::string name;
  std::filesystem::path path = std::filesystem::path(text).lexically_normal();
  if (path.filename().empty()) path = path.parent_path();  // "out/dataset/"
  for (const char c : path.filename().string()) {
    const char lower = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    const bool ok = (lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9');
    if (ok) {
      name += lower;
    } else if (!name.empty() && name.back() != '-') {
      name += '-';
    }
  }
  if (name.size() > max_length) name.resize(max_length);
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name.empty() ? std::string("job") : name;
}

}  // namespace prep360
