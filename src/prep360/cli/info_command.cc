// prep360 info [FILE...]: versions and CPU features, or what a file is.
#include <cstdio>

#include "prep360/cli/commands.h"
#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/util/build_info.h"
#include "prep360/util/resources.h"

namespace prep360::cli {
namespace {

void PrintImageInfo(const std::string& path) {
  const ImageInfo info = ReadImageInfo(path);
  std::printf("%s: %s %dx%d, %d channel(s), %d-bit%s\n", path.c_str(), FormatExtension(info.format), info.width,
              info.height, info.channels, info.bit_depth,
              info.width == 2 * info.height ? ", 2:1 (equirectangular)" : "");
  const ViewMetadataReadback m = ReadViewMetadata(path);
  if (m.view_name) std::printf("  view %s", m.view_name->c_str());
  if (m.yaw_deg) std::printf("  yaw %.3f pitch %.3f roll %.3f", *m.yaw_deg, m.pitch_deg.value_or(0), m.roll_deg.value_or(0));
  if (m.hfov_deg) std::printf("  hfov %.3f vfov %.3f", *m.hfov_deg, m.vfov_deg.value_or(0));
  if (m.view_name || m.yaw_deg || m.hfov_deg) std::printf("\n");
  if (m.focal_length_mm) {
    std::printf("  EXIF FocalLength %.4f mm, 35mm-equivalent %d mm\n", *m.focal_length_mm,
                m.focal_length_35mm.value_or(0));
  }
  if (m.datetime_original) std::printf("  DateTimeOriginal %s\n", m.datetime_original->c_str());
  if (m.gps) std::printf("  GPS %.7f, %.7f\n", m.gps->latitude_deg, m.gps->longitude_deg);
}

}  // namespace

Runner AddInfoCommand(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand("info", "Print versions and CPU features, or describe image files");
  cmd->add_option("files", *files, "Images to describe (size, format, bit depth, prep360 EXIF/XMP)");
  return [cmd, files]() -> int {
    if (!cmd->parsed()) return -1;
    if (!files->empty()) {
      for (const auto& f : *files) PrintImageInfo(f);
      return kExitOk;
    }
    for (const auto& [name, version] : DependencyVersions()) std::printf("%-26s %s\n", name.c_str(), version.c_str());
    std::printf("%-26s %s\n", "CPU features", CpuFeatures().c_str());
    std::printf("%-26s %d\n", "hardware threads", HardwareThreads());
    return kExitOk;
  };
}

}  // namespace prep360::cli
