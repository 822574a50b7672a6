// The web UI's routes: the page and its embedded files, the vendor folder (no way out of it),
// the file browser (roots only), the panorama background, a video frame saved as a panorama,
// rig presets, footprints with known outlines and coverage, and saving an edited rig.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>

#include "prep360/image/image_io.h"
#include "prep360/rig/rig_json.h"
#include "prep360/rig/rig_picture.h"
#include "prep360/serve/rig_footprints.h"
#include "prep360/serve/service_test_util.h"
#include "prep360/serve/ui_assets.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/synthetic_video.h"

namespace prep360::serve {
namespace {
namespace fs = std::filesystem;
using namespace test;

std::string ErrorOf(const httplib::Result& res) {
  return res ? Json::parse(res->body, nullptr, false).value("error", "") : "";
}

TEST(UiRoutesTest, ThePageAndItsFilesAreServedFromTheBinary) {
  Harness h;
  auto c = h.Client();
  const auto page = c->Get("/");
  ASSERT_TRUE(page && page->status == 200);
  EXPECT_EQ(page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(page->body.find("data-testid=\"rig-editor\""), std::string::npos);
  const auto app = c->Get("/ui/app.js");
  ASSERT_TRUE(app && app->status == 200);
  EXPECT_EQ(app->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  const UiAsset* asset = FindUiAsset("app.js");
  ASSERT_NE(asset, nullptr);
  EXPECT_EQ(app->body, std::string(reinterpret_cast<const char*>(asset->data), asset->size));
  const auto missing = c->Get("/ui/nope.js");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(ErrorOf(missing), "nope.js: no such file of the web UI");
}

TEST(UiRoutesTest, VendorFilesComeFromTheVendorFolderOnly) {
  testkit::TempDir vendor;
  fs::create_directories(vendor.path() / "web" / "lib");
  std::ofstream(vendor.path() / "web" / "lib" / "x.js") << "export const x = 1;\n";
  std::ofstream(vendor.path() / "secret.txt") << "no\n";
  Harness h([&](ServeOptions& o) { o.ui_vendor = (vendor.path() / "web").string(); });
  auto c = h.Client();
  const auto ok = c->Get("/vendor/lib/x.js");
  ASSERT_TRUE(ok && ok->status == 200);
  EXPECT_EQ(ok->body, "export const x = 1;\n");
  EXPECT_EQ(ok->get_header_value("Content-Type"), "text/javascript; charset=utf-8");
  const auto out = c->Get("/vendor/lib/%2e%2e/%2e%2e/secret.txt");
  ASSERT_TRUE(out);
  EXPECT_EQ(out->status, 403);
  const auto none = c->Get("/vendor/lib/y.js");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 404);
}

TEST(UiRoutesTest, TheFileBrowserListsTheRootsAndStaysInsideThem) {
  Harness h;
  testkit::WritePanoramas(h.root() / "panos", 2, 64);
  fs::create_directories(h.root() / "sub");
  std::ofstream(h.root() / "clip.mp4") << "x";
  std::ofstream(h.root() / ".hidden") << "x";
  auto c = h.Client();
  const auto roots = c->Get("/v1/fs");
  ASSERT_TRUE(roots && roots->status == 200);
  const Json r = Json::parse(roots->body);
  ASSERT_EQ(r["entries"].size(), 1u);
  EXPECT_EQ(r["entries"][0]["path"], fs::canonical(h.root()).string());
  const auto top = c->Get(("/v1/fs?path=" + h.root().string()).c_str());
  ASSERT_TRUE(top && top->status == 200);
  std::vector<std::string> names, kinds;
  const Json listing = Json::parse(top->body);
  for (const Json& e : listing["entries"]) {
    names.push_back(e["name"]);
    kinds.push_back(e["kind"]);
  }
  EXPECT_EQ(names, (std::vector<std::string>{"panos", "sub", "clip.mp4"}));
  EXPECT_EQ(kinds, (std::vector<std::string>{"dir", "dir", "video"}));
  const auto panos = c->Get(("/v1/fs?path=" + (h.root() / "panos").string()).c_str());
  ASSERT_TRUE(panos && panos->status == 200);
  const Json p = Json::parse(panos->body);
  EXPECT_EQ(p["parent"], fs::canonical(h.root()).string());
  EXPECT_EQ(p["entries"][0]["kind"], "image");
  const auto outside = c->Get("/v1/fs?path=/etc");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
  EXPECT_EQ(ErrorOf(outside), "/etc: outside every root");
  const auto up = c->Get(("/v1/fs?path=" + (h.root() / ".." / "..").string()).c_str());
  ASSERT_TRUE(up);
  EXPECT_EQ(up->status, 403);
}

TEST(UiRoutesTest, AnUploadBecomesANewFileInAFolderOfTheRoots) {
  Harness h;
  fs::create_directories(h.root() / "in");
  auto c = h.Client();
  const std::string path = (h.root() / "in" / "up.jpg").string();
  const auto res = c->Post(("/v1/fs/upload?path=" + path).c_str(), std::string("\xff\xd8" "abc"), "application/octet-stream");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(Json::parse(res->body)["kind"], "image");
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
  const std::string got(bytes.begin(), bytes.end());
  EXPECT_EQ(got, std::string("\xff\xd8" "abc"));
  const auto again = c->Post(("/v1/fs/upload?path=" + path).c_str(), "x", "application/octet-stream");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 409);
  const auto outside = c->Post("/v1/fs/upload?path=/tmp/prep360-upload-outside.jpg", "x", "application/octet-stream");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
  EXPECT_FALSE(fs::exists("/tmp/prep360-upload-outside.jpg"));
  const auto nofolder = c->Post(("/v1/fs/upload?path=" + (h.root() / "no" / "x.jpg").string()).c_str(), "x",
                                "application/octet-stream");
  ASSERT_TRUE(nofolder);
  EXPECT_EQ(nofolder->status, 404);
}

TEST(UiRoutesTest, TheEquirectBackgroundIsThePanoramaResampled) {
  Harness h;
  const auto files = testkit::WritePanoramas(h.root() / "panos", 1, 256, ImageFormat::kPng);
  auto c = h.Client();
  const auto res = c->Get(("/v1/fs/equirect?width=128&path=" + files[0]).c_str());
  ASSERT_TRUE(res && res->status == 200);
  const Image img = DecodeImage(std::vector<std::uint8_t>(res->body.begin(), res->body.end()), "reply");
  EXPECT_EQ(img.width(), 128);
  EXPECT_EQ(img.height(), 64);
  const auto outside = c->Get("/v1/fs/equirect?path=/etc/passwd");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
}

TEST(UiRoutesTest, AVideoFrameIsSavedAsAPanoramaBesideTheVideo) {
  Harness h;
  testkit::SyntheticVideoOptions v;
  v.width = 128;
  v.height = 64;
  v.frame_count = 20;
  v.fps = 10;
  testkit::WriteSyntheticVideo((h.root() / "walk.mp4").string(), v);
  auto c = h.Client();
  const Json body = {{"path", (h.root() / "walk.mp4").string()}, {"time", 1.0}};
  const auto res = c->Post("/v1/frame", body.dump(), "application/json");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const Json j = Json::parse(res->body);
  EXPECT_EQ(j["path"], (fs::canonical(h.root()) / ".prep360-frames" / "walk_1000ms.jpg").string());
  EXPECT_NEAR(j["duration"].get<double>(), 2.0, 0.05);
  EXPECT_EQ(j["width"], 128);
  const ImageInfo frame = ReadImageInfo(j["path"].get<std::string>());
  EXPECT_EQ(frame.width, 128);
  EXPECT_EQ(frame.height, 64);
  const auto late = c->Post("/v1/frame", Json{{"path", (h.root() / "walk.mp4").string()}, {"time", 50}}.dump(),
                            "application/json");
  ASSERT_TRUE(late);
  EXPECT_EQ(late->status, 400);
  const auto outside = c->Post("/v1/frame", R"({"path": "/etc/x.mp4"})", "application/json");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
}

// cube6's front view (yaw 0, pitch 0, hfov 90) on the 360 x 180 plane: centre (180, 90); its
// top-left image corner is the direction (-1, 1, 1): longitude -45, latitude asin(1/sqrt(3)).
TEST(UiRoutesTest, FootprintsHaveTheRigPictureGeometryAndTheCoverage) {
  View front;
  front.name = "front";
  const std::vector<FootprintPoint> outline = FootprintOutline(front, 8);
  ASSERT_EQ(outline.size(), 32u);
  const double corner_lat = std::asin(1 / std::sqrt(3.0)) * 180 / M_PI;
  EXPECT_NEAR(outline[0].u, 135, 1e-9);
  EXPECT_NEAR(outline[0].v, 90 - corner_lat, 1e-9);
  EXPECT_NEAR(outline[8].u, 225, 1e-9);  // top-right corner
  EXPECT_NEAR(outline[4].u, 180, 1e-9);  // middle of the top edge: straight up 45 degrees
  EXPECT_NEAR(outline[4].v, 45, 1e-9);

  Harness h;
  auto c = h.Client();
  const auto res = c->Post("/v1/rig/footprints", R"({"preset": "cube6", "samples": 4000})", "application/json");
  ASSERT_TRUE(res && res->status == 200);
  const Json j = Json::parse(res->body);
  ASSERT_EQ(j["views"].size(), 6u);
  EXPECT_EQ(j["views"][0]["centre"], Json::array({180.0, 90.0}));
  EXPECT_NEAR(j["views"][1]["centre"][0].get<double>(), 270, 1e-9);  // right: yaw 90
  EXPECT_EQ(j["views"][0]["outline"].size(), 4u * 48u);
  EXPECT_DOUBLE_EQ(j["coverage"]["covered"].get<double>(), 1.0);  // the cube sees every direction
  EXPECT_LT(j["coverage"]["min_neighbour_overlap"].get<double>(), 0.05);  // cube faces barely overlap
  // A rig JSON body, checked as a rig file is.
  const auto bad = c->Post("/v1/rig/footprints", R"({"rig": {"views": [{"name": "a", "hfov": 500}]}})",
                           "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(ErrorOf(bad).find("views[0].hfov"), std::string::npos) << ErrorOf(bad);
  const auto presets = c->Get("/v1/rig/presets");
  ASSERT_TRUE(presets && presets->status == 200);
  EXPECT_EQ(Json::parse(presets->body)["default"], "default11");
}

// Every outline point, scaled to a rig picture 720 wide, lies on a pixel of the view's colour in
// `rig show --picture`'s drawing (DrawRigPicture) of the same rig: one geometry for both.
TEST(UiRoutesTest, FootprintOutlinesLieOnTheRigPicturesOutlines) {
  Rig rig;
  View a;
  a.name = "a";
  a.yaw_deg = 30;
  a.pitch_deg = -20;
  a.roll_deg = 10;
  a.hfov_deg = 100;
  a.width = 1600;
  a.height = 900;
  View zenith;
  zenith.name = "z";
  zenith.pitch_deg = 90;
  zenith.hfov_deg = 110;
  rig.views = {a, zenith};
  const int width = 720;
  const Image picture = DrawRigPicture(rig, width, nullptr, false);
  for (std::size_t i = 0; i < rig.views.size(); ++i) {
    const auto colour = ViewColour(static_cast<int>(i));
    int checked = 0;
    for (const FootprintPoint& p : FootprintOutline(rig.views[i], 64)) {
      const int x = ((static_cast<int>(std::floor(p.u * width / 360)) % width) + width) % width;
      const int y = std::min(width / 2 - 1, static_cast<int>(std::floor(p.v * width / 360)));
      bool found = false;
      for (int dy = -1; dy <= 1 && !found; ++dy)
        for (int dx = -1; dx <= 1 && !found; ++dx) {
          const int xx = (x + dx + width) % width, yy = std::clamp(y + dy, 0, width / 2 - 1);
          const std::uint8_t* px = picture.PixelPtr(xx, yy);
          found = px[0] == colour[0] && px[1] == colour[1] && px[2] == colour[2];
        }
      EXPECT_TRUE(found) << "view " << i << " point (" << p.u << ", " << p.v << ")";
      ++checked;
    }
    EXPECT_EQ(checked, 256);
  }
}

TEST(UiRoutesTest, AnEditedRigIsSavedInsideTheRootsForAJob) {
  Harness h;
  auto c = h.Client();
  const Json rig = {{"name", "mine"}, {"views", {{{"name", "a"}, {"yaw", 10}, {"hfov", 80}}}}};
  const std::string path = (h.root() / "rigs" / "mine.json").string();
  const auto res = c->Post("/v1/rig/files", Json{{"path", path}, {"rig", rig}}.dump(), "application/json");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const Rig saved = ReadRigJson(path);
  ASSERT_EQ(saved.views.size(), 1u);
  EXPECT_EQ(saved.views[0].yaw_deg, 10);
  EXPECT_EQ(saved.views[0].hfov_deg, 80);
  const auto outside = c->Post("/v1/rig/files", Json{{"path", "/tmp/../etc/x.json"}, {"rig", rig}}.dump(),
                               "application/json");
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, 403);
}

}  // namespace
}  // namespace prep360::serve
