#include "prep360/export/nerfstudio_transforms.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace prep360 {
namespace {

TEST(NerfstudioTransformsTest, IdentityCameraAtACentre) {
  // COLMAP: camera at C = (1, 2, 3) looking along world +z, world->camera R = I, t = -C.
  ColmapImage im;
  im.t = {-1, -2, -3};
  const std::array<double, 16> m = NerfstudioTransform(im);
  // c2w = [I | C], y and z columns negated (OpenGL), then world (x, y, z) -> (x, z, -y).
  const std::array<double, 16> want = {1, 0, 0, 1, 0, 0, -1, 3, 0, 1, 0, -2, 0, 0, 0, 1};
  for (int i = 0; i < 16; ++i) EXPECT_NEAR(m[i], want[i], 1e-15) << i;
}

TEST(NerfstudioTransformsTest, ColumnsAreTheCameraAxesInTheTurnedWorld) {
  ColmapImage im;
  const Mat3 r = RotX(0.3) * RotY(-1.1) * RotZ(0.4);  // world->camera
  im.q = QuaternionFromMatrix(r);
  im.t = {0.5, -0.25, 2};
  const std::array<double, 16> m = NerfstudioTransform(im);
  const Mat3 c2w = MatrixFromQuaternion(im.q).Transposed();
  const Mat3 a = NerfstudioAppliedRotation();
  // OpenGL +y is OpenCV -y; +z is -z.
  const Vec3 x = a * (c2w * Vec3{1, 0, 0}), y = a * (c2w * Vec3{0, -1, 0}), z = a * (c2w * Vec3{0, 0, -1});
  const Vec3 c = a * im.Centre();
  for (int row = 0; row < 3; ++row) {
    const double xs[3] = {x.x, x.y, x.z}, ys[3] = {y.x, y.y, y.z}, zs[3] = {z.x, z.y, z.z}, cs[3] = {c.x, c.y, c.z};
    EXPECT_NEAR(m[4 * row + 0], xs[row], 1e-12);
    EXPECT_NEAR(m[4 * row + 1], ys[row], 1e-12);
    EXPECT_NEAR(m[4 * row + 2], zs[row], 1e-12);
    EXPECT_NEAR(m[4 * row + 3], cs[row], 1e-12);
  }
}

TEST(NerfstudioTransformsTest, JsonHasPerFrameIntrinsicsMaskAndAppliedTransform) {
  ColmapImage im;
  im.id = 5;
  NerfstudioFrame f{&im, Pinhole{640, 480, 320, 320, 320, 240}, "images/cam00/f1.jpg", "masks/cam00/f1.png"};
  const auto j = nlohmann::json::parse(NerfstudioTransformsJson({f}, true));
  EXPECT_EQ(j["camera_model"], "OPENCV");
  EXPECT_EQ(j["ply_file_path"], "sparse_pc.ply");
  EXPECT_EQ(j["applied_transform"], nlohmann::json::parse("[[1,0,0,0],[0,0,1,0],[0,-1,0,0]]"));
  const auto& fr = j["frames"][0];
  EXPECT_EQ(fr["file_path"], "images/cam00/f1.jpg");
  EXPECT_EQ(fr["mask_path"], "masks/cam00/f1.png");
  EXPECT_EQ(fr["fl_x"].get<double>(), 320.0);
  EXPECT_EQ(fr["cx"].get<double>(), 320.0);
  EXPECT_EQ(fr["cy"].get<double>(), 240.0);
  EXPECT_EQ(fr["w"], 640);
  EXPECT_EQ(fr["h"], 480);
  EXPECT_EQ(fr["colmap_im_id"], 5);
}

TEST(NerfstudioTransformsTest, PlyPointsAreTurnedLikeThePoses) {
  ColmapModel m;
  ColmapPoint3D p;
  p.xyz = {1, 2, 3};
  p.rgb[0] = 10, p.rgb[1] = 20, p.rgb[2] = 30;
  m.points.push_back(p);
  const std::string ply = NerfstudioSparsePly(m);
  EXPECT_EQ(ply.rfind("ply\nformat ascii 1.0\nelement vertex 1\n", 0), 0u);
  EXPECT_NE(ply.find("end_header\n1 3 -2 10 20 30\n"), std::string::npos) << ply;
}

}  // namespace
}  // namespace prep360
