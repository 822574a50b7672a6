#pragma once
// Each subcommand registers itself on the app and returns the function that runs it.
#include <functional>

#include <CLI/CLI.hpp>

#include "prep360/util/error.h"

namespace prep360::cli {

// Exit codes: 0 everything done, 1 failure or skipped inputs, 2 usage, 130 interrupted.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInterrupted = 130;

using Runner = std::function<int()>;

// A mistake in how prep360 was called (a flag, a job document): exit code 2.
class UsageError : public Error {
 public:
  using Error::Error;
};

Runner AddExtractCommand(CLI::App& app);
Runner AddSplitCommand(CLI::App& app);
Runner AddRunCommand(CLI::App& app);
Runner AddRigCommand(CLI::App& app);
Runner AddInfoCommand(CLI::App& app);
Runner AddMaskCommand(CLI::App& app);
Runner AddConfigCommand(CLI::App& app);
Runner AddServeCommand(CLI::App& app);
Runner AddModelsCommand(CLI::App& app);
Runner AddDetectCommand(CLI::App& app);
Runner AddBlurCommand(CLI::App& app);
Runner AddOcrCommand(CLI::App& app);
Runner AddExportCommand(CLI::App& app);
Runner AddSfmCommand(CLI::App& app);
Runner AddMergeCommand(CLI::App& app);
Runner AddSlurmCommand(CLI::App& app);
Runner AddK8sCommand(CLI::App& app);
Runner AddClassifyCommand(CLI::App& app);

}  // namespace prep360::cli
