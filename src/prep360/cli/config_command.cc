// prep360 config --schema: the JSON Schema of the job document.
#include <cstdio>

#include "prep360/cli/commands.h"
#include "prep360/job/job_document.h"

namespace prep360::cli {

Runner AddConfigCommand(CLI::App& app) {
  CLI::App* cmd = app.add_subcommand(
      "config",
      "The job document: `prep360 <job command> ... --print-config` prints one, `--config FILE` runs one (job\n"
      "commands: split, run, extract, mask, detect, blur, ocr, classify).\n"
      "`prep360 config --schema` prints its JSON Schema (draft 2020-12: descriptions, defaults, enums, ranges).");
  auto schema = std::make_shared<bool>(false);
  cmd->add_flag("--schema", *schema, "Print the JSON Schema of the job document")->required();
  return [cmd, schema]() -> int {
    if (!cmd->parsed()) return -1;
    std::fputs((JobSchema().dump(2) + "\n").c_str(), stdout);
    return kExitOk;
  };
}

}  // namespace prep360::cli
