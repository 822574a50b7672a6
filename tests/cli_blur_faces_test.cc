// `prep360 split --blur faces` on a panorama holding a real portrait twice: across the boundary
// of two cube faces and across the equirect's ±180° seam. Every view that shows a face has it
// blurred beyond recognition; every other pixel is exactly what a run without blur writes.
#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/geometry/equirect.h"
#include "prep360/geometry/view_rays.h"
#include "prep360/image/image_io.h"
#include "prep360/rig/presets.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/paste.h"
#include "prep360/testing/real_photos.h"
#include "prep360/testing/ssim.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;

constexpr int kEqWidth = 2048, kEqHeight = 1024;
constexpr double kFacePx = 80;  // face width in the equirect (about 14 degrees)

struct PastedFace {
  double cx, cy, w, h;  // face box centre and size, equirect pixels
};

PastedFace PasteFace(const Image& photo, Image& eq, double face_cx, double face_cy) {
  const testkit::PixelBox box = testkit::PasteFaceInEquirect(photo, eq, face_cx, face_cy, kFacePx);
  return {face_cx, face_cy, box.x1 - box.x0, box.y1 - box.y0};
}

// The face box projected into a view: the bounding box of its projected outline (nullopt when
// any corner is behind the camera).
struct Box {
  double x0 = 1e9, y0 = 1e9, x1 = -1e9, y1 = -1e9;
};
bool ProjectFace(const PastedFace& f, const ViewRays& rays, double grow, Box* box) {
  for (int i = 0; i <= 8; ++i) {
    for (int j = 0; j <= 8; ++j) {
      const double u = f.cx + (i / 8.0 - 0.5) * f.w * grow, v = f.cy + (j / 8.0 - 0.5) * f.h * grow;
      double x = 0, y = 0;
      if (!rays.Project(DirectionFromEquirect(u, v, kEqWidth, kEqHeight), &x, &y)) return false;
      box->x0 = std::min(box->x0, x), box->y0 = std::min(box->y0, y);
      box->x1 = std::max(box->x1, x), box->y1 = std::max(box->y1, y);
    }
  }
  return true;
}

TEST(CliBlurFaces, EveryViewThatShowsAFaceBlursItAndNothingElseChanges) {
  testkit::TempDir dir;
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  Image eq = testkit::RenderEquirect(kEqWidth, kEqHeight, 3, 1, 1);
  // Yaw 45: the edge between the front and right cube faces. Yaw 180: the equirect's seam.
  std::vector<PastedFace> faces;
  for (const double yaw : {45.0, 180.0}) {
    const EquirectPoint p = EquirectFromDirection(PanoFromCam(yaw, 0, 0) * Vec3{0, 0, 1}, kEqWidth, kEqHeight);
    faces.push_back(PasteFace(photo, eq, p.u, p.v));
  }
  WriteFileAtomic((dir.path() / "pano.png").string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));

  const std::vector<std::string> common = {"split", (dir.path() / "pano.png").string(), "--rig", "cube6",
                                           "--format", "png", "--progress", "none"};
  auto with = [&](std::vector<std::string> extra, const std::string& out) {
    std::vector<std::string> args = common;
    args.insert(args.end(), {"-o", (dir.path() / out).string()});
    args.insert(args.end(), extra.begin(), extra.end());
    return testkit::RunCli(args);
  };
  const auto plain = with({}, "plain");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const auto blurred = with({"--blur", "faces"}, "blurred");
  ASSERT_EQ(blurred.exit_code, 0) << blurred.err;

  const Rig rig = MakePreset("cube6");
  int views_with_face = 0;
  for (const View& preset_view : rig.views) {
    const fs::path rel = fs::path("images") / preset_view.name / "pano.png";
    const Image a = ReadImage((dir.path() / "plain" / rel).string());
    const Image b = ReadImage((dir.path() / "blurred" / rel).string());
    View view = preset_view;
    view.width = a.width(), view.height = a.height();
    const ViewRays rays(view.Camera(), view.PanoFromCam());
    std::vector<Box> keep_out;  // around each face: may change
    for (const PastedFace& f : faces) {
      Box box, grown;
      if (!ProjectFace(f, rays, 1.0, &box) || !ProjectFace(f, rays, 3.0, &grown)) continue;
      keep_out.push_back(grown);
      const int x0 = std::max(0, static_cast<int>(box.x0)), y0 = std::max(0, static_cast<int>(box.y0));
      const int x1 = std::min(a.width(), static_cast<int>(box.x1)), y1 = std::min(a.height(), static_cast<int>(box.y1));
      if (x1 - x0 < 12 || y1 - y0 < 12) continue;  // the view shows (almost) none of this face
      ++views_with_face;
      EXPECT_LE(testkit::Ssim(a, b, x0, y0, x1, y1), 0.3) << view.name << " face box " << x0 << "," << y0 << " " << x1 << "," << y1;
    }
    int changed = 0;
    for (int y = 0; y < a.height(); ++y) {
      for (int x = 0; x < a.width(); ++x) {
        const bool near_face = std::any_of(keep_out.begin(), keep_out.end(), [&](const Box& k) {
          return x + 0.5 >= k.x0 && x + 0.5 <= k.x1 && y + 0.5 >= k.y0 && y + 0.5 <= k.y1;
        });
        if (near_face) continue;
        for (int c = 0; c < 3; ++c) changed += a.At(x, y, c) != b.At(x, y, c);
      }
    }
    EXPECT_EQ(changed, 0) << view.name << ": pixels away from the faces changed";
  }
  // Yaw 45 shows in front and right, yaw 180 in back.
  EXPECT_EQ(views_with_face, 3);
  std::ifstream report(dir.path() / "blurred" / "report.json");
  const nlohmann::json j = nlohmann::json::parse(report);
  EXPECT_EQ(j["privacy"]["faces_found"], 2);
  EXPECT_EQ(j["privacy"]["face_regions_blurred"], 3);
}

TEST(CliBlurFaces, AMissingFaceModelIsAUsageErrorNamingIt) {
  testkit::TempDir dir;
  const Image eq = testkit::RenderEquirect(256, 128, 3, 1, 1);
  WriteFileAtomic((dir.path() / "pano.png").string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));
  const auto r = testkit::RunCli({"split", (dir.path() / "pano.png").string(), "-o", (dir.path() / "out").string(),
                                  "--blur", "faces", "--face-model", (dir.path() / "nope.onnx").string(),
                                  "--progress", "none"});
  EXPECT_NE(r.exit_code, 0);
  EXPECT_NE(r.err.find("nope.onnx"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out" / "images"));
}

}  // namespace
}  // namespace prep360
