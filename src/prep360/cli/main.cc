// prep360: 360° video and panoramas -> datasets for photogrammetry and Gaussian splatting.
#include <cstdio>
#include <exception>
#include <vector>

extern "C" {
#include <libavutil/log.h>
}

#include "prep360/cli/commands.h"
#include "prep360/cli/job_command.h"
#include "prep360/util/error.h"
#include "prep360/version.h"

int main(int argc, char** argv) {
  using namespace prep360::cli;
  CLI::App app{"prep360 " PREP360_VERSION
               " — turn 360° video and panoramas into pinhole datasets for COLMAP, RealityScan, Metashape and splatting"};
  // libav* would print decoder notes (e.g. error concealment) between our progress lines; damage
  // is reported by prep360 itself, naming the file and time.
  av_log_set_level(AV_LOG_FATAL);
  app.set_version_flag("--version", PREP360_VERSION);
  app.require_subcommand(1);
  const std::vector<Runner> runners = {AddExtractCommand(app), AddSplitCommand(app), AddRunCommand(app),
                                       AddRigCommand(app), AddInfoCommand(app), AddMaskCommand(app),
                                       AddConfigCommand(app), AddModelsCommand(app),
                                       AddDetectCommand(app), AddBlurCommand(app),
                                       AddOcrCommand(app), AddServeCommand(app),
                                       AddExportCommand(app), AddSfmCommand(app),
                                       AddMergeCommand(app), AddSlurmCommand(app), AddK8sCommand(app),
                                       AddClassifyCommand(app)};
  try {
    PreloadJobConfig(argc, argv);
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e) == 0 ? kExitOk : kExitUsage;
  } catch (const CLI::ParseError& e) {
    std::fprintf(stderr, "prep360: %s (see prep360 --help)\n", e.what());
    return kExitUsage;
  } catch (const prep360::Error& e) {
    std::fprintf(stderr, "prep360: %s\n", e.what());
    return kExitUsage;
  }
  try {
    for (const Runner& run : runners) {
      const int code = run();
      if (code >= 0) return code;
    }
  } catch (const UsageError& e) {
    std::fprintf(stderr, "prep360: %s\n", e.what());
    return kExitUsage;
  } catch (const prep360::Error& e) {
    std::fprintf(stderr, "prep360: %s\n", e.what());
    return kExitFailure;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "prep360: internal error: %s\n", e.what());
    return kExitFailure;
  }
  return kExitUsage;
}
