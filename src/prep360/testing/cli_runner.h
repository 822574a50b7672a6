#pragma once
// Runs the prep360 executable built with the tests, capturing its output and exit code.
#include <string>
#include <vector>

namespace prep360::testkit {

struct CliResult {
  int exit_code = -1;  // 128 + signal if it died from a signal
  std::string out, err;
};

std::string CliPath();
// Runs `prep360 args...` to completion.
CliResult RunCli(const std::vector<std::string>& args);

// Starts `prep360 args...` in the background with stdout/stderr sent to files; returns its pid.
int StartCli(const std::vector<std::string>& args, const std::string& out_file, const std::string& err_file);
// Waits for a started process; returns its exit code (128 + signal if killed).
int WaitCli(int pid);

}  // namespace prep360::testkit
