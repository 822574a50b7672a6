#include "prep360/testing/room_scene.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

#include "prep360/geometry/equirect.h"
#include "prep360/image/image_io.h"
#include "prep360/util/atomic_file.h"

namespace prep360::testkit {
namespace {

TEST(RoomSceneTest, WalkStepsAreTheRequestedLengthAndStayInTheFreeMiddle) {
  const std::vector<Vec3> walk = RoomWalk(30, 0.25);
  ASSERT_EQ(walk.size(), 30u);
  for (std::size_t k = 1; k < walk.size(); ++k) {
    const Vec3 d = walk[k] - walk[k - 1];
    EXPECT_NEAR(std::hypot(d.x, d.z), 0.25, 0.025) << k;  // about 0.25 m
    EXPECT_GT(std::hypot(walk[k].x / 1.4, walk[k].z / 0.9), 0.999);  // on the ellipse, off the plinth
  }
}

TEST(RoomSceneTest, TheSameSurfacePointHasTheSameColourFromTwoCentres) {
  // The far wall point (0.5, -0.2, 2.5) seen from two centres: the texture lives on the surface.
  const Vec3 wall{0.5, -0.2, 2.5};
  const Vec3 a{1.0, 0.0, 0.0}, b{-1.0, -0.1, 0.5};
  const Vec3 ca = RoomColor(a, wall - a), cb = RoomColor(b, wall - b);
  EXPECT_NEAR(ca.x, cb.x, 1e-9);
  EXPECT_NEAR(ca.y, cb.y, 1e-9);
  EXPECT_NEAR(ca.z, cb.z, 1e-9);
}

TEST(RoomSceneTest, PanoramaHasRichTextureAndParallax) {
  const std::vector<Vec3> walk = RoomWalk(2, 0.3);
  const Image a = RenderRoomEquirect(walk[0], 256, 128, 1), b = RenderRoomEquirect(walk[1], 256, 128, 1);
  // Texture: neighbouring pixels differ a lot on average (the room is not flat colour).
  double grad = 0;
  int differing = 0;
  for (int y = 0; y < 128; ++y) {
    for (int x = 1; x < 256; ++x) {
      grad += std::abs(a.Row(y)[3 * x] - a.Row(y)[3 * x - 3]);
      differing += a.Row(y)[3 * x] != b.Row(y)[3 * x];
    }
  }
  EXPECT_GT(grad / (128 * 255), 8.0);
  // Parallax: moving 0.3 m changes most pixels.
  EXPECT_GT(differing, 128 * 255 / 2);
}

// Not a test: writes a walk's panoramas (scripts/bench_sfm uses it).
//   PREP360_ROOM_OUT=dir PREP360_ROOM_N=100 PREP360_ROOM_STEP=0.07 PREP360_ROOM_WIDTH=1536
//   prep360_tests --gtest_also_run_disabled_tests --gtest_filter=RoomSceneTest.DISABLED_Write
TEST(RoomSceneTest, DISABLED_Write) {
  const char* out = std::getenv("PREP360_ROOM_OUT");
  if (out == nullptr) GTEST_SKIP();
  auto env = [](const char* name, double fallback) {
    const char* v = std::getenv(name);
    return v ? std::atof(v) : fallback;
  };
  const int width = static_cast<int>(env("PREP360_ROOM_WIDTH", 1536));
  const std::vector<Vec3> walk = RoomWalk(static_cast<int>(env("PREP360_ROOM_N", 6)), env("PREP360_ROOM_STEP", 0.3));
  for (std::size_t k = 0; k < walk.size(); ++k) {
    const Image pano = RenderRoomEquirect(walk[k], width, width / 2);
    char name[32];
    std::snprintf(name, sizeof name, "/pano_%04zu.png", k + 1);
    WriteFileAtomic(std::string(out) + name, EncodeImage(pano, ImageFormat::kPng, EncodeOptions{}));
  }
}

}  // namespace
}  // namespace prep360::testkit
