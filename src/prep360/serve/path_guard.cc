#include "prep360/serve/path_guard.h"

#include <algorithm>
#include <system_error>

#include "prep360/util/error.h"

namespace prep360::serve {
namespace fs = std::filesystem;

namespace {

// Resolves symlinks of the longest existing prefix, then folds `.` and `..` of the rest.
std::optional<fs::path> Canonical(const fs::path& path) {
  std::error_code ec;
  fs::path resolved = fs::weakly_canonical(path, ec);
  if (ec) return std::nullopt;
  resolved = resolved.lexically_normal();
  if (!resolved.empty() && resolved.filename().empty()) resolved = resolved.parent_path();  // trailing '/'
  return resolved;
}

}  // namespace

bool IsWithin(const fs::path& path, const fs::path& dir) {
  auto p = path.begin();
  for (auto d = dir.begin(); d != dir.end(); ++d, ++p) {
    if (d->empty()) continue;  // a trailing separator
    if (p == path.end() || *p != *d) return false;
  }
  return true;
}

PathGuard::PathGuard(const std::vector<std::string>& roots) {
  for (const std::string& root : roots) {
    std::error_code ec;
    if (!fs::is_directory(root, ec)) throw FileError(root, "not an existing folder (a service root)");
    roots_.push_back(fs::canonical(root));
  }
}

std::optional<fs::path> PathGuard::Resolve(const std::string& path) const {
  if (path.empty() || roots_.empty() || path.find('\0') != std::string::npos) return std::nullopt;
  const fs::path p(path);
  const std::optional<fs::path> resolved = Canonical(p.is_absolute() ? p : roots_.front() / p);
  if (!resolved) return std::nullopt;
  const bool inside = std::any_of(roots_.begin(), roots_.end(), [&](const fs::path& r) { return IsWithin(*resolved, r); });
  if (!inside) return std::nullopt;
  return resolved;
}

std::optional<fs::path> PathGuard::ResolveUnder(const fs::path& base, const std::string& relative) const {
  if (relative.empty() || fs::path(relative).is_absolute()) return std::nullopt;
  const std::optional<fs::path> resolved = Resolve((base / relative).string());
  if (!resolved || !IsWithin(*resolved, base)) return std::nullopt;
  return resolved;
}

}  // namespace prep360::serve
