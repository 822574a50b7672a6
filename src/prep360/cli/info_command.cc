// prep360 info [FILE...]: versions and CPU features, or what a file is (image, video, rig JSON).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include "prep360/cli/commands.h"
#include "prep360/detect/model_info_text.h"
#include "prep360/detect/segmenter.h"
#include "prep360/gpu/gpu_report.h"
#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/rig/rig_json.h"
#include "prep360/util/build_info.h"
#include "prep360/util/error.h"
#include "prep360/util/resources.h"
#include "prep360/lens/camera_file_info.h"
#include "prep360/video/video_reader.h"

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
  if (m.datetime_original) {
    std::printf("  DateTimeOriginal %s%s%s\n", m.datetime_original->c_str(), m.subsec_original ? "." : "",
                m.subsec_original.value_or("").c_str());
  }
  if (m.gpano_projection) {
    std::printf("  GPano %s %dx%d\n", m.gpano_projection->c_str(), m.gpano_full_width.value_or(0),
                m.gpano_full_height.value_or(0));
  }
  if (m.gps) std::printf("  GPS %.7f, %.7f\n", m.gps->latitude_deg, m.gps->longitude_deg);
}

std::string LowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

void PrintRigInfo(const std::string& path) {
  const Rig rig = ReadRigJson(path);
  std::printf("%s: rig \"%s\", %zu view(s)\n", path.c_str(), rig.name.c_str(), rig.views.size());
  for (const View& v : rig.views) {
    const std::string size = v.width > 0 && v.height > 0
                                 ? std::to_string(v.width) + "x" + std::to_string(v.height)
                                 : "size from the panorama";
    std::printf("  %-12s yaw %8.3f pitch %8.3f roll %8.3f  hfov %7.3f  %s\n", v.name.c_str(), v.yaw_deg,
                v.pitch_deg, v.roll_deg, v.hfov_deg, size.c_str());
  }
}

// Every video stream, marking the one run/extract use by default, when there is more than one.
void PrintVideoStreams(const VideoInfo& v) {
  if (v.video_streams.size() < 2) return;
  const int pick = PickVideoStream(v.video_streams, -1);
  std::printf("  %zu video streams (--stream N chooses one):\n", v.video_streams.size());
  for (std::size_t i = 0; i < v.video_streams.size(); ++i) {
    const VideoStreamInfo& s = v.video_streams[i];
    std::printf("    %s%s%s\n", DescribeVideoStream(s).c_str(), s.width == 2 * s.height ? ", 2:1" : "",
                static_cast<int>(i) == pick ? "  <- used by run/extract" : "");
  }
  if (pick < 0) std::printf("    none is 2:1 or equirectangular: run/extract need --stream N\n");
}

void PrintVideoInfo(const std::string& path) {
  const VideoInfo v = ProbeVideo(path);
  std::printf("%s: %s video, %s %s, %dx%d%s, %d-bit\n", path.c_str(), v.container.c_str(), v.codec.c_str(),
              v.pixel_format.c_str(), v.width, v.height,
              v.width == 2 * v.height ? " (2:1, equirectangular)" : " (not 2:1: run/extract need --force)",
              v.bit_depth);
  std::printf("  %.3f fps, %.3f s, %lld frames", v.fps, v.duration_s, static_cast<long long>(v.frame_count));
  if (v.bitrate > 0) std::printf(", %.1f Mbit/s", static_cast<double>(v.bitrate) / 1e6);
  std::printf("\n");
  if (v.rotation_deg != 0) std::printf("  rotation %d degrees (applied to the frames)\n", v.rotation_deg);
  if (!v.spherical.empty()) {
    std::printf("  spherical video: %s, yaw %.1f pitch %.1f roll %.1f\n", v.spherical.c_str(), v.spherical_yaw_deg,
                v.spherical_pitch_deg, v.spherical_roll_deg);
  } else {
    std::printf("  no spherical-video metadata\n");
  }
  if (!v.creation_time.empty()) std::printf("  creation time %s\n", v.creation_time.c_str());
  PrintVideoStreams(v);
  std::fputs(CameraFileInfoText(path).c_str(), stdout);
}

void PrintFileInfo(const std::string& path) {
  if (HasImageExtension(path)) return PrintImageInfo(path);
  if (LowerExtension(path) == ".json") return PrintRigInfo(path);
  try {
    PrintVideoInfo(path);
  } catch (const NotVideoError&) {
    throw FileError(path,
                    "not a file info can describe: it takes a video, a panorama image (JPEG, PNG, TIFF), "
                    "a rig .json, or --model FILE.onnx");
  }
}

}  // namespace

Runner AddInfoCommand(CLI::App& app) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto model = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand(
      "info", "Print versions (prep360, FFmpeg, ONNX Runtime, ...), CPU features and the GPU (CUDA kernels, driver, "
      "device, NVDEC, ONNX Runtime providers that start), or describe files");
  cmd->add_option("files", *files,
                  "Images (size, format, bit depth, prep360 EXIF/XMP), videos (codec, size, fps, duration, "
                  "frames, rotation, 360 metadata, every video stream) or rig .json files (views, sizes)");
  cmd->add_option("--model", *model,
                  "Describe an ONNX model: task, adapter, input size, batch, classes, available execution providers");
  return [cmd, files, model]() -> int {
    if (!cmd->parsed()) return -1;
    if (!model->empty()) {
      SegmenterOptions o;
      o.detect.model = *model;
      o.detect.device = Device::kCpu;
      o.detect.classes = {"all"};
      const Segmenter segmenter(o);
      std::fputs(FormatModelInfo(segmenter.info()).c_str(), stdout);
      if (files->empty()) return kExitOk;
    }
    if (!files->empty()) {
      for (const auto& f : *files) PrintFileInfo(f);
      return kExitOk;
    }
    for (const auto& [name, version] : DependencyVersions()) std::printf("%-26s %s\n", name.c_str(), version.c_str());
    std::printf("%-26s %s\n", "CPU features", CpuFeatures().c_str());
    std::printf("%-26s %d\n", "hardware threads", HardwareThreads());
    std::fputs(GpuReportText(26).c_str(), stdout);
    return kExitOk;
  };
}

}  // namespace prep360::cli
