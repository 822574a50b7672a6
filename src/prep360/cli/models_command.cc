// prep360 models: the registry models, where they are installed, and what runs them.
#include <cstdio>
#include <string>

#include "prep360/cli/commands.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/models/model_registry.h"

namespace prep360::cli {

Runner AddModelsCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "models",
      "List the models prep360 knows by name (use the name wherever a command takes --model): task, input,\n"
      "the execution provider --device auto starts for it, source package and licence, and whether it\n"
      "is installed. scripts/bootstrap installs them under .deps/models; PREP360_MODELS_DIR overrides.");
  return [cmd]() -> int {
    if (!cmd->parsed()) return -1;
    std::printf("models folder: %s\n", ModelsDir().string().c_str());
    std::printf("%-11s %-17s %-35s %-8s %-40s %-10s %s\n", "NAME", "TASK", "INPUT", "PROVIDER", "PACKAGE", "LICENCE",
                "INSTALLED");
    bool all = true;
    for (const RegistryModel& m : RegistryModels()) {
      const bool installed =
          !InstalledPath(m, m.file).empty() && (m.companion.empty() || !InstalledPath(m, m.companion).empty());
      all = all && installed;
      // What --device auto really starts for it (a CUDA provider without a GPU falls back to the CPU).
      std::string provider = "-";
      if (installed) {
        provider = CreateOnnxSession(InstalledPath(m, m.file).string(), "auto", 1, nullptr).provider;
        if (const auto end = provider.find("ExecutionProvider"); end != std::string::npos) provider.erase(end);
      }
      std::printf("%-11s %-17s %-35s %-8s %-40s %-10s %s\n", std::string(m.name).c_str(), std::string(m.task).c_str(),
                  std::string(m.input).c_str(), provider.c_str(), std::string(m.package).c_str(),
                  std::string(m.licence).c_str(), installed ? "yes" : "no (run scripts/bootstrap)");
    }
    return all ? kExitOk : kExitFailure;
  };
}

}  // namespace prep360::cli
