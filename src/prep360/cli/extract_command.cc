// prep360 extract: 360° video -> equirect frames with capture time and GPano metadata.
#include "prep360/cli/job_command.h"

namespace prep360::cli {

Runner AddExtractCommand(CLI::App& app) {
  return AddJobCommand(
      app, JobCommand::kExtract,
      "Extract equirectangular frames from a 360° video (MP4/MOV/MKV; H.264, HEVC, AV1, ProRes).\n"
      "Writes OUT/frame_<index>.<ext> (index = source frame number) with EXIF DateTimeOriginal\n"
      "(container creation time + frame time) and XMP GPano tags, OUT/job.json and OUT/report.json\n"
      "(every kept frame with its timestamp and scores). `prep360 split OUT` then cuts the views.",
      [](JobFlags& f) {
        f.AddInputs("video", "The video file");
        f.AddSource();
        f.AddInput();
        f.AddEncode();
        f.AddDataset(false);
        f.AddRuntime();
      });
}

}  // namespace prep360::cli
