// The web UI's mask overlays (POST /v1/mask/equirect, /v1/mask/view) with the test model
// seg_fixed.onnx (class 0 "person" = red cells, masks = the bright region): on a dark panorama
// with red rectangles, the view mask and the equirect mask come from one sphere mask, so a view
// pixel maps to an equirect pixel of the same state; the nadir cap is the bottom of both; bad
// requests get a status and a one-line reason naming the file or field.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <numbers>

#include "prep360/geometry/equirect.h"
#include "prep360/geometry/view_rays.h"
#include "prep360/image/image_io.h"
#include "prep360/serve/inference_gate.h"
#include "prep360/serve/model_pool.h"
#include "prep360/serve/panorama_cache.h"
#include "prep360/serve/service_test_util.h"
#include "prep360/serve/sphere_mask_preview.h"
#include "prep360/util/atomic_file.h"
#include "prep360/testing/test_models.h"

namespace prep360::serve {
namespace {
namespace fs = std::filesystem;
using namespace test;
constexpr double kPi = std::numbers::pi;

std::string TestModel(const std::string& name) { return prep360::testkit::TestModelPath(name); }

std::string ErrorOf(const httplib::Result& res) {
  return res ? Json::parse(res->body, nullptr, false).value("error", "") : "";
}

// A 1024 x 512 dark panorama with red rectangles (lon/lat degrees): one ahead on the horizon, one
// up and to the right.
void WriteRedRects(const fs::path& file) {
  Image pano(1024, 512, 3, 1);
  const auto inside = [](double lon, double lat) {
    return (lon > -20 && lon < 20 && lat > -10 && lat < 15) || (lon > 100 && lon < 130 && lat > 30 && lat < 50);
  };
  for (int y = 0; y < pano.height(); ++y) {
    std::uint8_t* row = pano.Row(y);
    for (int x = 0; x < pano.width(); ++x) {
      const double lon = (x + 0.5) * 360.0 / pano.width() - 180, lat = 90 - (y + 0.5) * 180.0 / pano.height();
      const bool red = inside(lon, lat);
      row[3 * x] = red ? 255 : 40;
      row[3 * x + 1] = red ? 0 : 40;
      row[3 * x + 2] = red ? 0 : 40;
    }
  }
  const std::vector<std::uint8_t> png = EncodeImage(pano, ImageFormat::kPng, EncodeOptions{});
  WriteFileAtomic(file.string(), png);
}

Image Png(const httplib::Result& res) {
  EXPECT_TRUE(res && res->status == 200) << (res ? res->body : "no answer");
  if (!res || res->status != 200) return {};
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
  return DecodeImage(std::vector<std::uint8_t>(res->body.begin(), res->body.end()), "mask.png");
}

httplib::Result Post(httplib::Client& c, const std::string& route, const Json& body) {
  return c.Post(route.c_str(), body.dump(), "application/json");
}

// Share of masked (0) pixels.
double MaskedShare(const Image& m) {
  std::int64_t n = 0;
  for (int y = 0; y < m.height(); ++y)
    for (int x = 0; x < m.width(); ++x) n += m.Row(y)[x] == 0;
  return static_cast<double>(n) / (static_cast<double>(m.width()) * m.height());
}

// Share of the view's pixels whose state (masked or not) is that of the equirect pixel their
// centre's direction falls in.
double Agreement(const Image& view_mask, const View& view, const Image& eq_mask) {
  View v = view;
  v.width = view_mask.width();
  v.height = view_mask.height();
  const ViewRays rays(v.Camera(), v.PanoFromCam());
  std::int64_t agree = 0;
  for (int y = 0; y < view_mask.height(); ++y) {
    for (int x = 0; x < view_mask.width(); ++x) {
      const Vec3 d = rays.Ray(x + 0.5, y + 0.5);
      const int u = std::min(eq_mask.width() - 1, static_cast<int>((Longitude(d) + kPi) / (2 * kPi) * eq_mask.width()));
      const int w = std::min(eq_mask.height() - 1, static_cast<int>((kPi / 2 - Latitude(d)) / kPi * eq_mask.height()));
      agree += (view_mask.Row(y)[x] == 0) == (eq_mask.Row(w)[u] == 0);
    }
  }
  return static_cast<double>(agree) / (static_cast<double>(view_mask.width()) * view_mask.height());
}

TEST(UiRoutesTest, TheEquirectAndViewMasksComeFromOneSphereMask) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  WriteRedRects(h.root() / "rects.png");
  auto c = h.Client();
  const std::string path = (h.root() / "rects.png").string();
  const Json base = {{"path", path}, {"model", "seg"}, {"classes", {"person"}}};
  Json eq_req = base;
  eq_req["width"] = 720;
  const Image eq = Png(Post(*c, "/v1/mask/equirect", eq_req));
  ASSERT_EQ(eq.width(), 720);
  ASSERT_EQ(eq.height(), 360);
  // The rectangles cover 40 x 25 and 30 x 20 degrees: about 2.4 % of the equirect's pixels.
  EXPECT_GT(MaskedShare(eq), 0.018);
  EXPECT_LT(MaskedShare(eq), 0.035);
  EXPECT_EQ(eq.Row(180 - 2)[360], 0) << "inside the rectangle ahead";
  EXPECT_EQ(eq.Row(180 - 2)[360 + 60], 255) << "30 degrees right of it";

  for (const auto& [yaw, pitch] : {std::pair{0.0, 0.0}, std::pair{100.0, 30.0}, std::pair{10.0, 10.0}}) {
    View view;
    view.yaw_deg = yaw;
    view.pitch_deg = pitch;
    view.hfov_deg = 90;
    Json view_req = base;
    view_req["view"] = {{"yaw", yaw}, {"pitch", pitch}, {"roll", 0}, {"hfov", 90}};
    view_req["width"] = 320;
    view_req["height"] = 240;
    const Image vm = Png(Post(*c, "/v1/mask/view", view_req));
    ASSERT_EQ(vm.width(), 320);
    ASSERT_EQ(vm.height(), 240);
    EXPECT_GT(MaskedShare(vm), 0.03) << yaw << " " << pitch;
    EXPECT_GE(Agreement(vm, view, eq), 0.98) << yaw << " " << pitch;
  }
  // Dilation grows the view mask (view pixels).
  Json dilated = base;
  dilated["view"] = {{"yaw", 0}, {"pitch", 0}, {"hfov", 90}};
  dilated["width"] = 320;
  Json plain = dilated;
  dilated["dilate"] = 10;
  EXPECT_GT(MaskedShare(Png(Post(*c, "/v1/mask/view", dilated))), MaskedShare(Png(Post(*c, "/v1/mask/view", plain))) + 0.02);
}

TEST(UiRoutesTest, TheSphereMaskIsComputedOncePerPanoramaModelAndClasses) {
  testkit::TempDir dir;
  WriteRedRects(dir.path() / "rects.png");
  const Image pano = DecodeEquirect(ReadFileBytes((dir.path() / "rects.png").string()), "rects.png");
  ModelPool pool({{"seg", TestModel("seg_fixed.onnx")}}, false, {});
  InferenceGate gate(1);
  SphereMaskCache cache(2);
  const auto first = cache.Get("a", pano, pool.Named("seg"), gate);
  EXPECT_EQ(first->width(), 1024) << "the panorama's width (under 2048)";
  EXPECT_EQ(cache.Get("a", pano, pool.Named("seg"), gate), first) << "the same key is answered from the cache";
  EXPECT_EQ(cache.computed(), 1u);
  cache.Get("b", pano, pool.Named("seg"), gate);
  cache.Get("c", pano, pool.Named("seg"), gate);
  EXPECT_EQ(cache.computed(), 3u);
  cache.Get("a", pano, pool.Named("seg"), gate);  // dropped for "c" (capacity 2)
  EXPECT_EQ(cache.computed(), 4u);
}

TEST(UiRoutesTest, AChangedPanoramaIsMaskedAgain) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  WriteRedRects(h.root() / "rects.png");
  auto c = h.Client();
  const Json req = {{"path", (h.root() / "rects.png").string()}, {"width", 360}};
  EXPECT_GT(MaskedShare(Png(Post(*c, "/v1/mask/equirect", req))), 0.01);
  Image grey(1024, 512, 3, 1);
  for (int y = 0; y < grey.height(); ++y) std::fill_n(grey.Row(y), 3 * grey.width(), std::uint8_t{40});
  WriteFileAtomic((h.root() / "rects.png").string(), EncodeImage(grey, ImageFormat::kPng, EncodeOptions{}));
  EXPECT_EQ(MaskedShare(Png(Post(*c, "/v1/mask/equirect", req))), 0.0) << "a new modification time: computed again";
}

TEST(UiRoutesTest, TheNadirCapIsTheBottomOfBothMasks) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  WriteRedRects(h.root() / "rects.png");
  auto c = h.Client();
  const Json base = {{"path", (h.root() / "rects.png").string()}, {"nadir", 30}};
  Json eq_req = base;
  eq_req["width"] = 360;
  const Image eq = Png(Post(*c, "/v1/mask/equirect", eq_req));
  ASSERT_EQ(eq.height(), 180);
  for (int y = 0; y < eq.height(); ++y) {
    const double lat = 90 - (y + 0.5);
    for (int x = 0; x < eq.width(); x += 7) {
      if (lat < -30) {
        ASSERT_EQ(eq.Row(y)[x], 0) << x << "," << y;
      }
      if (lat > -29 && lat < -12) {
        ASSERT_EQ(eq.Row(y)[x], 255) << x << "," << y;
      }
    }
  }
  Json down = base;
  down["view"] = {{"yaw", 0}, {"pitch", -90}, {"hfov", 90}};
  down["width"] = 64;
  EXPECT_EQ(MaskedShare(Png(Post(*c, "/v1/mask/view", down))), 1.0);
  Json level = base;
  level["view"] = {{"yaw", 180}, {"pitch", 0}, {"hfov", 90}};
  level["width"] = 64;
  const Image lv = Png(Post(*c, "/v1/mask/view", level));
  // A level 90-degree view sees 45 degrees down at its bottom edge: the cap fills its lowest rows.
  EXPECT_EQ(lv.Row(63)[32], 0);
  EXPECT_EQ(lv.Row(32)[32], 255);
}

TEST(UiRoutesTest, MaskOverlayRequestsAreChecked) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  WriteRedRects(h.root() / "rects.png");
  std::ofstream(h.root() / "broken.jpg") << "not a jpeg";
  auto c = h.Client();
  const std::string path = (h.root() / "rects.png").string();
  const auto expect = [&](const std::string& route, const Json& body, int status, const std::string& error) {
    const auto res = Post(*c, route, body);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, status) << body.dump();
    EXPECT_EQ(ErrorOf(res), error) << body.dump();
  };
  expect("/v1/mask/equirect", Json::object(), 400, "body: /path: required");
  expect("/v1/mask/equirect", {{"path", "/etc/passwd"}}, 403, "/etc/passwd: outside every root");
  expect("/v1/mask/equirect", {{"path", (h.root() / "none.jpg").string()}}, 404,
         (h.root() / "none.jpg").string() + ": no such file");
  expect("/v1/mask/equirect", {{"path", path}, {"model", "nope"}}, 404, "model 'nope': no such model");
  expect("/v1/mask/equirect", {{"path", path}, {"nadir", 95}}, 400,
         "body: /nadir: degrees below the horizon in [0, 90], or -1 = off");
  expect("/v1/mask/equirect", {{"path", path}, {"classes", "person"}}, 400,
         "body: /classes: expected a list of class names or ids");
  expect("/v1/mask/view", {{"path", path}}, 400, "body: /view: required, an object");
  expect("/v1/mask/view", {{"path", path}, {"view", {{"hfov", 200}}}}, 400, "body: /view/hfov: must be in (0, 180)");
  const auto unknown = Post(*c, "/v1/mask/equirect", {{"path", path}, {"classes", {"unicorn"}}});
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 400);
  EXPECT_NE(ErrorOf(unknown).find("unicorn"), std::string::npos) << ErrorOf(unknown);
  const auto broken = Post(*c, "/v1/mask/equirect", {{"path", (h.root() / "broken.jpg").string()}});
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
  EXPECT_NE(ErrorOf(broken).find("broken.jpg: "), std::string::npos) << ErrorOf(broken);

  Harness none;
  WriteRedRects(none.root() / "rects.png");
  const auto no_model = Post(*none.Client(), "/v1/mask/equirect", {{"path", (none.root() / "rects.png").string()}});
  ASSERT_TRUE(no_model);
  EXPECT_EQ(no_model->status, 404);
  EXPECT_EQ(ErrorOf(no_model), "no model: the service was started without one");
}

}  // namespace
}  // namespace prep360::serve
