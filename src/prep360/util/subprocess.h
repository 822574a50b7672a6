#pragma once
// Runs other programs (COLMAP, sbatch, npm, tar) without a shell: the arguments are passed as they
// are, and argv[0] is a path or a name looked up on PATH.
#include <functional>
#include <string>
#include <vector>

#include "prep360/pipeline/cancel_token.h"

namespace prep360 {

struct SubprocessResult {
  int exit_code = -1;  // 128 + signal when it died from one; 127 when it could not be started
  bool cancelled = false;
};

// Runs a program to completion with its stdout and stderr merged into a log file, handing each
// output line to a callback as it arrives (for progress).
// Runs argv[0] with argv[1..]; `env_add` entries ("NAME=value") are added to this
// process's environment. Appends everything it prints to `log_path` (created). `on_line` may be
// empty. A cancelled token stops the program (SIGTERM) and returns with cancelled set.
SubprocessResult RunSubprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                               const std::string& log_path, const std::function<void(const std::string&)>& on_line,
                               const CancelToken* cancel = nullptr);

enum class Stderr { kMerge, kPassThrough };

// Runs a program and returns what it printed on stdout (and on stderr with kMerge; kPassThrough
// leaves stderr on this process's), for short queries such as `colmap help` or `sbatch`.
// exit_code as above.
std::string CaptureSubprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                              int* exit_code, Stderr stderr_mode = Stderr::kMerge);

}  // namespace prep360
