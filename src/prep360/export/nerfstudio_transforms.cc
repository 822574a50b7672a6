#include "prep360/export/nerfstudio_transforms.h"

#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace prep360 {
namespace {

double Clean(double v) { return std::abs(v) < 1e-15 ? 0.0 : v; }

}  // namespace

Mat3 NerfstudioAppliedRotation() {
  Mat3 a;
  a.m = {1, 0, 0, 0, 0, 1, 0, -1, 0};
  return a;
}

std::array<double, 16> NerfstudioTransform(const ColmapImage& image) {
  const Mat3 r = image.CamFromWorld();
  Mat3 c2w = r.Transposed();
  const Vec3 centre = image.Centre();
  for (int row = 0; row < 3; ++row) {  // OpenCV -> OpenGL camera axes
    c2w(row, 1) = -c2w(row, 1);
    c2w(row, 2) = -c2w(row, 2);
  }
  const Mat3 a = NerfstudioAppliedRotation();
  const Mat3 rot = a * c2w;
  const Vec3 pos = a * centre;
  return {rot(0, 0), rot(0, 1), rot(0, 2), pos.x, rot(1, 0), rot(1, 1), rot(1, 2), pos.y,
          rot(2, 0), rot(2, 1), rot(2, 2), pos.z, 0, 0, 0, 1};
}

std::string NerfstudioTransformsJson(const std::vector<NerfstudioFrame>& frames, bool with_ply) {
  nlohmann::ordered_json root;
  root["camera_model"] = "OPENCV";
  nlohmann::ordered_json list = nlohmann::ordered_json::array();
  for (const NerfstudioFrame& f : frames) {
    const std::array<double, 16> m = NerfstudioTransform(*f.image);
    nlohmann::ordered_json rows = nlohmann::ordered_json::array();
    for (int r = 0; r < 4; ++r) rows.push_back({Clean(m[4 * r]), Clean(m[4 * r + 1]), Clean(m[4 * r + 2]), Clean(m[4 * r + 3])});
    nlohmann::ordered_json j;
    j["file_path"] = f.file_path;
    if (!f.mask_path.empty()) j["mask_path"] = f.mask_path;
    j["transform_matrix"] = rows;
    j["fl_x"] = f.camera.fx;
    j["fl_y"] = f.camera.fy;
    j["cx"] = f.camera.cx;
    j["cy"] = f.camera.cy;
    j["w"] = f.camera.width;
    j["h"] = f.camera.height;
    j["k1"] = 0.0, j["k2"] = 0.0, j["p1"] = 0.0, j["p2"] = 0.0;
    j["colmap_im_id"] = f.image->id;
    list.push_back(std::move(j));
  }
  root["frames"] = std::move(list);
  const Mat3 a = NerfstudioAppliedRotation();
  root["applied_transform"] = {{a(0, 0), a(0, 1), a(0, 2), 0.0}, {a(1, 0), a(1, 1), a(1, 2), 0.0}, {a(2, 0), a(2, 1), a(2, 2), 0.0}};
  if (with_ply) root["ply_file_path"] = "sparse_pc.ply";
  return root.dump(2) + "\n";
}

std::string NerfstudioSparsePly(const ColmapModel& model) {
  std::string out = fmt::format(
      "ply\nformat ascii 1.0\nelement vertex {}\nproperty float x\nproperty float y\nproperty float z\n"
      "property uint8 red\nproperty uint8 green\nproperty uint8 blue\nend_header\n",
      model.points.size());
  const Mat3 a = NerfstudioAppliedRotation();
  for (const ColmapPoint3D& p : model.points) {
    const Vec3 q = a * p.xyz;
    out += fmt::format("{:.9g} {:.9g} {:.9g} {} {} {}\n", q.x, q.y, q.z, p.rgb[0], p.rgb[1], p.rgb[2]);
  }
  return out;
}

}  // namespace prep360
