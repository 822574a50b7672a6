#pragma once
// Rig-shaping options shared by subcommands: --rig, --fov, --size.
#include <string>

#include <CLI/CLI.hpp>

#include "prep360/rig/rig.h"

namespace prep360::cli {

struct ViewOptions {
  std::string rig;
  double fov = 0;    // 0 = the rig's own
  std::string size;  // "" = the rig's own or density-matched

  void Add(CLI::App& app);
  // Loads the rig and applies --fov and --size. Throws Error.
  Rig Build() const;
};

// "1920x1080" -> (1920, 1080); throws Error naming the option otherwise.
void ParseSize(const std::string& text, int* width, int* height);

}  // namespace prep360::cli
