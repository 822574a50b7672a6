#include "prep360/export/colmap_rig.h"

#include <cmath>
#include <filesystem>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {

// Numbers that print exactly enough and look clean for exact values (0, 1, 0.5).
double Clean(double v) { return std::abs(v) < 1e-15 ? 0.0 : v; }

}  // namespace

std::string ColmapRigConfigJson(const Rig& rig) {
  nlohmann::ordered_json cameras = nlohmann::ordered_json::array();
  const Mat3 pano_from_ref = rig.views.empty() ? Mat3::Identity() : rig.views.front().PanoFromCam();
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    const View& v = rig.views[i];
    const Pinhole cam = v.Camera();
    nlohmann::ordered_json c;
    c["image_prefix"] = v.name + "/";
    if (i == 0) {
      c["ref_sensor"] = true;
    } else {
      const Quaternion q = QuaternionFromMatrix(v.CamFromPano() * pano_from_ref);
      c["cam_from_rig_rotation"] = {Clean(q.w), Clean(q.x), Clean(q.y), Clean(q.z)};
      c["cam_from_rig_translation"] = {0.0, 0.0, 0.0};
    }
    c["camera_model_name"] = "PINHOLE";
    c["camera_params"] = {cam.fx, cam.fy, cam.cx, cam.cy};
    cameras.push_back(std::move(c));
  }
  nlohmann::ordered_json root = nlohmann::ordered_json::array();
  root.push_back({{"cameras", std::move(cameras)}});
  return root.dump(2) + "\n";
}

std::string ColmapCamerasTxt(const Rig& rig) {
  std::string out =
      "# Camera list with one line of data per camera:\n"
      "#   CAMERA_ID, MODEL, WIDTH, HEIGHT, PARAMS[]\n";
  out += fmt::format("# Number of cameras: {}\n", rig.views.size());
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    const Pinhole cam = rig.views[i].Camera();
    out += fmt::format("{} PINHOLE {} {} {:.17g} {:.17g} {:.17g} {:.17g}\n", i + 1, cam.width, cam.height, cam.fx,
                       cam.fy, cam.cx, cam.cy);
  }
  return out;
}

void WriteColmapRigExport(const std::string& out_dir, const Rig& rig) {
  const std::filesystem::path dir(out_dir);
  WriteTextFileAtomic((dir / "rig_config.json").string(), ColmapRigConfigJson(rig));
  WriteTextFileAtomic((dir / "cameras.txt").string(), ColmapCamerasTxt(rig));
}

}  // namespace prep360
