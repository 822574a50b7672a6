#pragma once
// Runs another program (sbatch) and captures what it prints on stdout; its stderr passes through.
#include <string>
#include <vector>

namespace prep360 {

struct ProcessResult {
  int exit_code = -1;  // 128 + signal when killed by one
  std::string out;
};

// Runs argv[0] (looked up on PATH) with argv and waits for it. Throws FileError naming argv[0]
// when it cannot be started (e.g. not installed).
ProcessResult RunProcess(const std::vector<std::string>& argv);

}  // namespace prep360
