#pragma once
// The service's file boundary: every path a request names (job inputs, outputs, models, preview
// panoramas, files served back) must lie inside one of the configured roots once `..` and
// symbolic links are resolved. Relative paths are taken from the first root.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace prep360::serve {

class PathGuard {
 public:
  // Throws Error "ROOT: ..." for a root that is not an existing folder.
  explicit PathGuard(const std::vector<std::string>& roots);

  // The resolved absolute path (symlinks of the existing part followed, `..` folded), or nullopt
  // when it leaves every root. The path need not exist yet (an output folder).
  std::optional<std::filesystem::path> Resolve(const std::string& path) const;
  // `relative` inside `base` (itself already resolved): nullopt when it leaves `base` or every root.
  std::optional<std::filesystem::path> ResolveUnder(const std::filesystem::path& base, const std::string& relative) const;

  const std::vector<std::filesystem::path>& roots() const { return roots_; }

 private:
  std::vector<std::filesystem::path> roots_;  // canonical
};

// True when `path` is `dir` or lies below it (both normalised absolute paths), component-wise.
bool IsWithin(const std::filesystem::path& path, const std::filesystem::path& dir);

}  // namespace prep360::serve
