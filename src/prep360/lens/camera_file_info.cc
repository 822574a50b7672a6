#include "prep360/lens/camera_file_info.h"

#include <fmt/format.h>

#include "prep360/lens/input_source.h"
#include "prep360/telemetry/insta360_trailer.h"
#include "prep360/telemetry/telemetry_reader.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

std::string LensLines(const JobDocument& job) {
  std::string out;
  try {
    const std::unique_ptr<FrameSource> source = MakeProjectedFrameSource(job);
    const nlohmann::ordered_json input = source->Describe()["input"];
    out += fmt::format("  lens layout: {}\n", input.value("layout", std::string("one frame")));
    if (input.contains("face")) {
      out += fmt::format("  EAC tracks: {}x{} each (left, front, right / down, back, up), face {} px, guard {} px"
                         " each side of the lens seam\n",
                         input["track_width"].get<int>(), input["face"].get<int>(), input["face"].get<int>(),
                         input["guard"].get<int>());
      return out;
    }
    const auto& calib = input["lens_calib"];
    out += fmt::format("  lens calibration from: {}\n", input.value("lens_calib_origin", std::string("default")));
    for (std::size_t i = 0; i < calib["lenses"].size(); ++i) {
      const auto& l = calib["lenses"][i];
      out += fmt::format("  lens {}: centre ({:.1f}, {:.1f}), radius {:.1f} px, fov {:g}, yaw {:g} pitch {:g} roll {:g}"
                         " (in a {}x{} frame)\n",
                         i, l["cx"].get<double>(), l["cy"].get<double>(), l["radius"].get<double>(),
                         l["fov"].get<double>(), l["yaw"].get<double>(), l["pitch"].get<double>(),
                         l["roll"].get<double>(), calib["width"].get<int>(), calib["height"].get<int>());
    }
  } catch (const Error& e) {
    out += fmt::format("  lens layout not understood: {}\n", e.what());
  }
  return out;
}

std::string TelemetryLines(const std::string& path) {
  std::string out;
  Telemetry t;
  try {
    t = ReadTelemetry(path);
  } catch (const Error&) {
    return out;
  }
  if (t.tracks.empty()) return "  no telemetry tracks\n";
  for (const TelemetryTrack& tr : t.tracks) {
    const std::string where = tr.stream >= 0 ? fmt::format("stream {}", tr.stream) : std::string("trailer");
    out += fmt::format("  telemetry: {} ({}), {} GPS fixes", tr.format, where, tr.gps);
    if (tr.gps_rate_hz > 0) out += fmt::format(" at {:.2f} Hz", tr.gps_rate_hz);
    out += fmt::format(", {} IMU samples", tr.imu);
    if (tr.imu_rate_hz > 0) out += fmt::format(" (gyro at {:.1f} Hz)", tr.imu_rate_hz);
    out += "\n";
  }
  for (const std::string& w : t.warnings) out += "  warning: " + w + "\n";
  return out;
}

}  // namespace

std::string CameraFileInfoText(const std::string& path) {
  JobDocument job = JobDocument::For(JobCommand::kRun);
  job.inputs = {path};
  const InputProjection p = ResolveInputProjection(job);
  std::string out = fmt::format("  input projection (auto): {}\n", NameOf(p));
  if (p == InputProjection::kDualFisheye || p == InputProjection::kEac) out += LensLines(job);
  if (const auto trailer = ReadInsta360Trailer(path)) {
    for (const Insta360Record& r : trailer->records) {
      if (r.id != 1) continue;
      const std::string offset = Insta360OffsetString(r.payload);
      if (!offset.empty()) out += "  Insta360 lens calibration string (offset): " + offset + "\n";
    }
  }
  return out + TelemetryLines(path);
}

}  // namespace prep360
