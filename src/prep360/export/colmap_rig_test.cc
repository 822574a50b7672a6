#include "prep360/export/colmap_rig.h"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace prep360 {
namespace {

Rig RingRig() {
  Rig rig;
  rig.name = "test";
  for (int i = 0; i < 4; ++i) {
    rig.views.push_back({"cam0" + std::to_string(i), 90.0 * i, i == 3 ? 30.0 : 0.0, 0, 90, 640, 480});
  }
  return rig;
}

Vec3 Rotate(const nlohmann::json& q, const Vec3& v) {
  return MatrixFromQuaternion({q[0].get<double>(), q[1].get<double>(), q[2].get<double>(), q[3].get<double>()}) * v;
}

TEST(ColmapRigTest, ConfigHasCOLMAPFields) {
  const auto j = nlohmann::json::parse(ColmapRigConfigJson(RingRig()));
  ASSERT_TRUE(j.is_array());
  ASSERT_EQ(j.size(), 1u);
  const auto& cams = j[0]["cameras"];
  ASSERT_EQ(cams.size(), 4u);
  EXPECT_EQ(cams[0]["image_prefix"], "cam00/");
  EXPECT_EQ(cams[0]["ref_sensor"], true);
  EXPECT_FALSE(cams[0].contains("cam_from_rig_rotation"));
  for (std::size_t i = 1; i < 4; ++i) {
    EXPECT_FALSE(cams[i].contains("ref_sensor"));
    EXPECT_EQ(cams[i]["cam_from_rig_rotation"].size(), 4u);
    EXPECT_EQ(cams[i]["cam_from_rig_translation"], nlohmann::json::array({0.0, 0.0, 0.0}));
  }
  for (const auto& c : cams) {
    EXPECT_EQ(c["camera_model_name"], "PINHOLE");
    const auto& p = c["camera_params"];
    ASSERT_EQ(p.size(), 4u);
    EXPECT_NEAR(p[0].get<double>(), 320.0, 1e-9);  // (640/2)/tan(45°)
    EXPECT_DOUBLE_EQ(p[0].get<double>(), p[1].get<double>());
    EXPECT_DOUBLE_EQ(p[2].get<double>(), 320.0);
    EXPECT_DOUBLE_EQ(p[3].get<double>(), 240.0);
  }
}

TEST(ColmapRigTest, RotationsMapReferenceAxisIntoEachCamera) {
  const Rig rig = RingRig();
  const auto cams = nlohmann::json::parse(ColmapRigConfigJson(rig))[0]["cameras"];
  // Rig frame = cam00 (yaw 0). cam01 (yaw +90) looks along the rig's +x: its optical axis.
  const Vec3 a = Rotate(cams[1]["cam_from_rig_rotation"], {1, 0, 0});
  EXPECT_NEAR(a.x, 0, 1e-12);
  EXPECT_NEAR(a.y, 0, 1e-12);
  EXPECT_NEAR(a.z, 1, 1e-12);
  // cam02 (yaw 180) looks along -z of the rig.
  const Vec3 b = Rotate(cams[2]["cam_from_rig_rotation"], {0, 0, -1});
  EXPECT_NEAR(b.z, 1, 1e-12);
  // cam03 (yaw 270, pitch +30 up): its optical axis in the rig frame is
  // (cos30 sin270, -sin30, cos30 cos270) = (-0.866, -0.5, 0) — up is -y.
  const Vec3 c = Rotate(cams[3]["cam_from_rig_rotation"], {-std::sqrt(3.0) / 2, -0.5, 0});
  EXPECT_NEAR(c.x, 0, 1e-12);
  EXPECT_NEAR(c.y, 0, 1e-12);
  EXPECT_NEAR(c.z, 1, 1e-12);
  // Unit quaternions, w >= 0.
  for (std::size_t i = 1; i < 4; ++i) {
    const auto& q = cams[i]["cam_from_rig_rotation"];
    double n = 0;
    for (const auto& x : q) n += x.get<double>() * x.get<double>();
    EXPECT_NEAR(n, 1.0, 1e-12);
    EXPECT_GE(q[0].get<double>(), 0.0);
  }
}

TEST(ColmapRigTest, CamerasTxt) {
  std::istringstream in(ColmapCamerasTxt(RingRig()));
  std::string line;
  int cameras = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    int id, w, h;
    std::string model;
    double fx, fy, cx, cy;
    ASSERT_TRUE(fields >> id >> model >> w >> h >> fx >> fy >> cx >> cy) << line;
    ++cameras;
    EXPECT_EQ(id, cameras);
    EXPECT_EQ(model, "PINHOLE");
    EXPECT_EQ(w, 640);
    EXPECT_EQ(h, 480);
    EXPECT_NEAR(fx, 320, 1e-9);
    EXPECT_EQ(fx, fy);
    EXPECT_EQ(cx, 320);
    EXPECT_EQ(cy, 240);
  }
  EXPECT_EQ(cameras, 4);
}

}  // namespace
}  // namespace prep360
