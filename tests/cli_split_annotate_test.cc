// `prep360 split --detect / --ocr / --blur-equirect`: what split finds on the panoramas besides
// masks. A real portrait (and a rendered text line) pasted across the boundary of two cube faces
// is found whole on the detection rig, merged on the sphere, and listed once with both views.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

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
#include "prep360/testing/text_render.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;

constexpr int kEqWidth = 2048, kEqHeight = 1024;
constexpr double kFacePx = 80;  // face width in the equirect (about 14 degrees)

using FaceBox = testkit::PixelBox;  // equirect pixels (x may run past the seam)

EquirectPoint PointAtYaw(double yaw) {
  return EquirectFromDirection(PanoFromCam(yaw, 0, 0) * Vec3{0, 0, 1}, kEqWidth, kEqHeight);
}

FaceBox PasteFace(const Image& photo, Image& eq, double cx, double cy) {
  return testkit::PasteFaceInEquirect(photo, eq, cx, cy, kFacePx);
}

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  return nlohmann::json::parse(in);
}

std::set<std::string> ViewsOf(const nlohmann::json& entry) {
  std::set<std::string> views;
  for (const auto& v : entry["views"]) views.insert(v["view"].get<std::string>());
  return views;
}

TEST(CliSplitAnnotate, AFaceAcrossAViewBoundaryIsOneObjectSeenByBothViews) {
  testkit::TempDir dir;
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  Image eq = testkit::RenderEquirect(kEqWidth, kEqHeight, 3, 1, 1);
  const EquirectPoint p = PointAtYaw(45);  // the edge between cam00 (yaw 0) and cam01 (yaw 90)
  PasteFace(photo, eq, p.u, p.v);
  WriteFileAtomic((dir.path() / "pano.png").string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));
  const auto r = testkit::RunCli({"split", (dir.path() / "pano.png").string(), "-o", (dir.path() / "out").string(),
                                  "--rig", "cube6", "--format", "png", "--detect", "--model", "face", "--progress",
                                  "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const nlohmann::json index = ReadJson(dir.path() / "out/detections.json");
  ASSERT_EQ(index["frames"].size(), 1u);
  EXPECT_EQ(index["frames"][0]["frame"], "pano");
  const nlohmann::json& objects = index["frames"][0]["objects"];
  ASSERT_EQ(objects.size(), 1u) << objects.dump();
  EXPECT_EQ(objects[0]["class"], "face");
  EXPECT_NEAR(objects[0]["yaw"].get<double>(), 45, 2);
  EXPECT_NEAR(objects[0]["pitch"].get<double>(), 0, 4);
  EXPECT_EQ(ViewsOf(objects[0]), (std::set<std::string>{"cam00", "cam01"}));

  // Per view: the object's box, clipped to the view, at the view's edge it crosses.
  for (const std::string view : {"cam00", "cam01", "cam02", "cam03", "cam04", "cam05"}) {
    const nlohmann::json j = ReadJson(dir.path() / "out/detections" / view / "pano.json");
    EXPECT_EQ(j["image"], "images/" + view + "/pano.png");
    const bool shows = view == "cam00" || view == "cam01";
    ASSERT_EQ(j["detections"].size(), shows ? 1u : 0u) << view;
    if (!shows) continue;
    const nlohmann::json& d = j["detections"][0];
    EXPECT_EQ(d["class"], "face");
    EXPECT_EQ(d["object"], 0);
    const double x0 = d["box"][0], x1 = d["box"][2], width = j["width"];
    if (view == "cam00") {
      EXPECT_DOUBLE_EQ(x1, width) << "cam00 shows the face's left half, up to its right edge";
    } else {
      EXPECT_DOUBLE_EQ(x0, 0.0) << "cam01 shows the face's right half, from its left edge";
    }
  }
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["detections"]["objects"], 1);
  EXPECT_EQ(report["detections"]["view_detections"], 2);
  EXPECT_EQ(report["detections"]["kind"], "face");
}

TEST(CliSplitAnnotate, BlurredEquirectHidesTheFacesAndKeepsEverythingElse) {
  testkit::TempDir dir;
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  Image eq = testkit::RenderEquirect(kEqWidth, kEqHeight, 3, 1, 1);
  std::vector<FaceBox> faces;
  for (const double yaw : {45.0, 180.0}) {  // a view boundary, the equirect's seam
    const EquirectPoint p = PointAtYaw(yaw);
    faces.push_back(PasteFace(photo, eq, p.u, p.v));
  }
  WriteFileAtomic((dir.path() / "pano.png").string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));
  const auto r = testkit::RunCli({"split", (dir.path() / "pano.png").string(), "-o", (dir.path() / "out").string(),
                                  "--rig", "cube6", "--format", "png", "--blur", "faces", "--blur-equirect",
                                  "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Image out = ReadImage((dir.path() / "out/blurred_equirect/pano.png").string());
  ASSERT_EQ(out.width(), kEqWidth);
  ASSERT_EQ(out.height(), kEqHeight);
  // The face boxes, cut at the seam into parts inside the image.
  std::vector<FaceBox> parts;
  for (const FaceBox& f : faces) {
    for (const double shift : {-static_cast<double>(kEqWidth), 0.0, static_cast<double>(kEqWidth)}) {
      const FaceBox s{std::max(0.0, f.x0 + shift), f.y0, std::min<double>(kEqWidth, f.x1 + shift), f.y1};
      if (s.x1 - s.x0 >= 12) parts.push_back(s);
    }
  }
  ASSERT_EQ(parts.size(), 3u);  // the boundary face, and the seam face's two halves
  for (const FaceBox& b : parts) {
    EXPECT_LE(testkit::Ssim(eq, out, static_cast<int>(b.x0), static_cast<int>(b.y0), static_cast<int>(b.x1),
                            static_cast<int>(b.y1)),
              0.3)
        << "face part at x " << b.x0 << ".." << b.x1;
  }
  int changed = 0;
  for (int y = 0; y < kEqHeight; ++y) {
    for (int x = 0; x < kEqWidth; ++x) {
      const bool near_face = std::any_of(faces.begin(), faces.end(), [&](const FaceBox& f) {
        const double cx = 0.5 * (f.x0 + f.x1), cy = 0.5 * (f.y0 + f.y1);
        double dx = std::abs(x + 0.5 - cx);
        dx = std::min(dx, kEqWidth - dx);  // across the seam
        return dx <= 1.5 * (f.x1 - f.x0) && std::abs(y + 0.5 - cy) <= 1.5 * (f.y1 - f.y0);
      });
      if (near_face) continue;
      for (int c = 0; c < 3; ++c) changed += eq.At(x, y, c) != out.At(x, y, c);
    }
  }
  EXPECT_EQ(changed, 0) << "pixels away from the faces changed";
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["blurred_equirect"]["frames_written"], 1);
  EXPECT_EQ(report["privacy"]["faces_found"], 2);
}

TEST(CliSplitAnnotate, TextAcrossAViewBoundaryIsReadOnceWithBothViews) {
  testkit::TempDir dir;
  Image eq(kEqWidth, kEqHeight, 3, 1);
  eq.Fill(180);
  const Image line = testkit::RenderTextLine("EXIT-42B", 36, 12);
  const EquirectPoint p = PointAtYaw(45);
  testkit::Paste(line, eq, static_cast<int>(p.u) - line.width() / 2, static_cast<int>(p.v) - line.height() / 2);
  WriteFileAtomic((dir.path() / "pano.png").string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));
  const auto r = testkit::RunCli({"split", (dir.path() / "pano.png").string(), "-o", (dir.path() / "out").string(),
                                  "--rig", "cube6", "--format", "png", "--ocr", "--progress", "none"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json index = ReadJson(dir.path() / "out/text.json");
  ASSERT_EQ(index["frames"].size(), 1u);
  const nlohmann::json& texts = index["frames"][0]["text"];
  ASSERT_EQ(texts.size(), 1u) << texts.dump();
  EXPECT_EQ(texts[0]["text"], "EXIT-42B");
  EXPECT_NEAR(texts[0]["yaw"].get<double>(), 45, 2);
  EXPECT_EQ(ViewsOf(texts[0]), (std::set<std::string>{"cam00", "cam01"}));
  const nlohmann::json report = ReadJson(dir.path() / "out/report.json");
  EXPECT_EQ(report["ocr"]["texts"], 1);
  EXPECT_EQ(report["ocr"]["view_entries"], 2);
}

TEST(CliSplitAnnotate, DetectWithoutAModelIsAUsageErrorAndWritesNothing) {
  testkit::TempDir dir;
  const Image eq = testkit::RenderEquirect(256, 128, 3, 1, 1);
  WriteFileAtomic((dir.path() / "pano.png").string(), EncodeImage(eq, ImageFormat::kPng, EncodeOptions{}));
  const auto r = testkit::RunCli({"split", (dir.path() / "pano.png").string(), "-o", (dir.path() / "out").string(),
                                  "--detect", "--progress", "none"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--model"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir.path() / "out"));
  const auto b = testkit::RunCli({"split", (dir.path() / "pano.png").string(), "-o", (dir.path() / "out").string(),
                                  "--blur-equirect", "--progress", "none"});
  EXPECT_EQ(b.exit_code, 2) << b.err;
  EXPECT_NE(b.err.find("--blur"), std::string::npos) << b.err;
}

}  // namespace
}  // namespace prep360
