#pragma once
// Runs a program to completion with its stdout and stderr merged into a log file, handing each
// output line to a callback as it arrives (for progress). No shell: the arguments are passed as
// they are.
#include <functional>
#include <string>
#include <vector>

#include "prep360/pipeline/cancel_token.h"

namespace prep360 {

struct SubprocessResult {
  int exit_code = -1;  // 128 + signal when it died from one; 127 when it could not be started
  bool cancelled = false;
};

// Runs argv[0] (a path) with argv[1..]; `env_add` entries ("NAME=value") are added to this
// process's environment. Appends everything it prints to `log_path` (created). `on_line` may be
// empty. A cancelled token stops the program (SIGTERM) and returns with cancelled set.
SubprocessResult RunSubprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                               const std::string& log_path, const std::function<void(const std::string&)>& on_line,
                               const CancelToken* cancel = nullptr);

// Runs a program and returns what it printed (stdout and stderr), for short queries such as
// `colmap help`. exit_code as above.
std::string CaptureSubprocess(const std::vector<std::string>& argv, const std::vector<std::string>& env_add,
                              int* exit_code);

}  // namespace prep360
