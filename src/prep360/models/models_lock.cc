#include "prep360/models/models_lock.h"

#include <sstream>

#include "prep360/models/models_lock_text.h"
#include "prep360/util/error.h"

namespace prep360 {

std::vector<LockEntry> ParseModelsLock(std::string_view text, const std::string& origin) {
  std::vector<LockEntry> entries;
  std::istringstream lines{std::string(text)};
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    if (line.compare(first, 7, "derive ") == 0) continue;  // made by scripts/install_models only
    std::istringstream fields(line);
    LockEntry e;
    std::string extra;
    if (!(fields >> e.package >> e.file >> e.dir >> e.sha256) || (fields >> extra)) {
      throw FileError(origin, "line " + std::to_string(number) + ": expected 'package@version file dir sha256'");
    }
    const bool hex = e.sha256.size() == 64 && e.sha256.find_first_not_of("0123456789abcdef") == std::string::npos;
    if (!hex && e.sha256 != "-") {
      throw FileError(origin, "line " + std::to_string(number) + ": '" + e.sha256 + "' is not a SHA-256 or '-'");
    }
    if (SplitPackageVersion(e.package).second.empty()) {
      throw FileError(origin, "line " + std::to_string(number) + ": '" + e.package + "' has no @version");
    }
    entries.push_back(std::move(e));
  }
  return entries;
}

std::string_view BuiltInModelsLock() { return kModelsLockText; }

std::pair<std::string, std::string> SplitPackageVersion(std::string_view package) {
  const std::size_t at = package.rfind('@');
  if (at == std::string_view::npos || at == 0) return {std::string(package), ""};
  return {std::string(package.substr(0, at)), std::string(package.substr(at + 1))};
}

}  // namespace prep360
