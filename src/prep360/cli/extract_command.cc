// prep360 extract: 360° video -> equirect frames with capture time and GPano metadata.
#include "prep360/cli/commands.h"
#include "prep360/cli/output_options.h"
#include "prep360/cli/video_options.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/split_job.h"
#include "prep360/pipeline/video_source.h"

namespace prep360::cli {
namespace {

struct ExtractArgs {
  std::string video;
  std::string output;
  VideoOptions sampling;
  OutputOptions out;
};

int RunExtractCommand(const ExtractArgs& a) {
  VideoSource source(a.sampling.Build(a.video));
  SplitOptions o;
  o.command = "extract";
  o.output_dir = a.output;
  o.equirect_dir = a.output;
  a.out.Apply(o);
  InstallInterruptHandler();
  return FinishRun(RunSplit(o, source), a.out, a.output);
}

}  // namespace

Runner AddExtractCommand(CLI::App& app) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand(
      "extract",
      "Extract equirectangular frames from a 360° video (MP4/MOV/MKV; H.264, HEVC, AV1, ProRes).\n"
      "Writes OUT/frame_<index>.<ext> (index = source frame number) with EXIF DateTimeOriginal\n"
      "(container creation time + frame time) and XMP GPano tags, and OUT/report.json (every\n"
      "kept frame with its timestamp and scores). `prep360 split OUT` then cuts the views.");
  cmd->add_option("video", args->video, "The video file")->required();
  cmd->add_option("-o,--output", args->output, "Output folder (created if missing)")->required();
  args->sampling.Add(*cmd);
  args->out.Add(*cmd, false);
  return [cmd, args]() -> int {
    if (!cmd->parsed()) return -1;
    return RunExtractCommand(*args);
  };
}

}  // namespace prep360::cli
