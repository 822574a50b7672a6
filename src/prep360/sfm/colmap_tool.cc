#include "prep360/sfm/colmap_tool.h"

#include <cstdlib>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <unistd.h>

#include "prep360/util/subprocess.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

constexpr const char* kInstallHint =
    "install COLMAP 3.8 or newer (Debian/Ubuntu: apt install colmap; or https://colmap.github.io/install.html) "
    "or name the executable in sfm.colmap";

std::string SearchPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path == nullptr ? "" : path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    if (dir.empty()) continue;
    const fs::path candidate = fs::path(dir) / name;
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec) && access(candidate.c_str(), X_OK) == 0) return candidate.string();
  }
  return "";
}

}  // namespace

std::string ColmapVersion::Text() const {
  return patch > 0 ? fmt::format("{}.{}.{}", major, minor, patch) : fmt::format("{}.{}", major, minor);
}

bool ParseColmapVersion(const std::string& help_output, ColmapVersion* version) {
  std::size_t at = help_output.find("COLMAP ");
  while (at != std::string::npos) {
    std::size_t i = at + 7;
    int parts[3] = {0, 0, 0}, count = 0;
    while (count < 3 && i < help_output.size() && std::isdigit(static_cast<unsigned char>(help_output[i]))) {
      int v = 0;
      while (i < help_output.size() && std::isdigit(static_cast<unsigned char>(help_output[i]))) {
        v = v * 10 + (help_output[i++] - '0');
      }
      parts[count++] = v;
      if (i < help_output.size() && help_output[i] == '.') ++i;
      else break;
    }
    if (count >= 2) {
      *version = {parts[0], parts[1], parts[2]};
      return true;
    }
    at = help_output.find("COLMAP ", at + 1);
  }
  return false;
}

ColmapTool FindColmap(const std::string& path) {
  ColmapTool tool;
  if (path.empty()) {
    tool.path = SearchPath("colmap");
    if (tool.path.empty()) throw Error(std::string("colmap: not found on PATH; ") + kInstallHint);
  } else {
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) throw FileError(path, std::string("no such COLMAP executable; ") + kInstallHint);
    tool.path = fs::absolute(path).string();
  }
  int code = 0;
  const std::string help = CaptureSubprocess({tool.path, "help"}, {kColmapHeadlessEnv}, &code);
  if (!ParseColmapVersion(help, &tool.version)) {
    throw FileError(tool.path, fmt::format("does not run as COLMAP (`colmap help` exited {} without a version); {}", code,
                                           kInstallHint));
  }
  if (!tool.version.AtLeast(3, 8)) {
    throw FileError(tool.path, "is COLMAP " + tool.version.Text() + "; prep360 needs 3.8 or newer; " + kInstallHint);
  }
  tool.cuda = help.find("with CUDA") != std::string::npos;
  return tool;
}

}  // namespace prep360
