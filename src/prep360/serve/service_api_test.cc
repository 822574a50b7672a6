// The service's other routes and its error answers: health, info, models, the OpenAPI document
// (every route it lists is served and nothing else), one-shot views (cache by path and mtime),
// detect and mask on a warm test model, and the security rules: bearer token (401), paths
// outside the roots (403: '..', absolute, URL-encoded separators, symlinks), bad bodies (400 with
// the JSON pointer), upload limit (413), unknown things (404).
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <fstream>

#include "prep360/image/image_io.h"
#include "prep360/rig/presets.h"
#include "prep360/serve/route_table.h"
#include "prep360/serve/service_test_util.h"
#include "prep360/serve/view_preview.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/test_models.h"

namespace prep360::serve {
namespace {
namespace fs = std::filesystem;
using namespace test;

std::string TestModel(const std::string& name) { return prep360::testkit::TestModelPath(name); }

std::string Bytes(const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); }

// 640 x 640 black with a white 32 x 32 square at (320, 192): the test model's person.
std::string SquarePng() {
  Image image(640, 640, 3, 1);
  image.Fill(0);
  for (int y = 192; y < 224; ++y)
    for (int x = 320; x < 352; ++x)
      for (int ch = 0; ch < 3; ++ch) image.Set(x, y, ch, 255);
  return Bytes(EncodeImage(image, ImageFormat::kPng, EncodeOptions{}));
}

std::string ErrorOf(const httplib::Result& res) {
  if (!res) return "";
  const Json j = Json::parse(res->body, nullptr, false);
  return j.is_object() && j.contains("error") && j["error"].is_string() ? j["error"].get<std::string>() : "";
}
std::string PointerOf(const httplib::Result& res) {
  if (!res) return "?";
  const Json j = Json::parse(res->body, nullptr, false);
  return j.is_object() && j.contains("pointer") && j["pointer"].is_string() ? j["pointer"].get<std::string>() : "?";
}

TEST(ServiceApiTest, HealthInfoAndModels) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  auto c = h.Client();
  const auto health = c->Get("/v1/health");
  ASSERT_TRUE(health && health->status == 200);
  EXPECT_EQ(Json::parse(health->body)["status"], "ok");
  EXPECT_EQ(health->get_header_value("Content-Type"), "application/json");
  EXPECT_FALSE(health->has_header("Access-Control-Allow-Origin")) << "CORS is off";
  const auto info = c->Get("/v1/info");
  ASSERT_TRUE(info && info->status == 200);
  const Json i = Json::parse(info->body);
  EXPECT_FALSE(i["version"].get<std::string>().empty());
  EXPECT_TRUE(i["dependencies"].is_object());
  EXPECT_TRUE(i["cpu_features"].is_string());
  EXPECT_NE(std::find(i["providers"].begin(), i["providers"].end(), "CPUExecutionProvider"), i["providers"].end());
  const auto models = c->Get("/v1/models");
  ASSERT_TRUE(models && models->status == 200);
  const Json m = Json::parse(models->body)["models"];
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["name"], "seg");
  EXPECT_EQ(m[0]["loaded"], true);  // loaded at start
  EXPECT_EQ(m[0]["task"], "segment");
  EXPECT_EQ(m[0]["input_width"], 640);
  EXPECT_EQ(m[0]["classes"], 80);
  EXPECT_FALSE(m[0]["provider"].get<std::string>().empty());
  EXPECT_GE(m[0]["load_s"].get<double>(), 0.0);
  EXPECT_EQ(ErrorOf(c->Get("/v1/nope")), "no such route");
  EXPECT_EQ(c->Get("/v1/nope")->status, 404);
}

TEST(ServiceApiTest, TheOpenApiDocumentListsExactlyTheServedRoutes) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  testkit::WritePanoramas(h.root() / "in", 1, 64);
  auto c = h.Client();
  const std::string id = Submit(*c, TinySplit(h.root() / "in", h.root() / "out"));
  ReadEvents(*c, id);
  const auto res = c->Get("/v1/openapi.json");
  ASSERT_TRUE(res && res->status == 200);
  const Json doc = Json::parse(res->body);
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_TRUE(doc["components"]["schemas"]["JobDocument"].contains("properties"));
  std::set<std::string> listed;
  for (const auto& [path, ops] : doc["paths"].items())
    for (const auto& [method, op] : ops.items()) {
      listed.insert(method + " " + path);
      EXPECT_TRUE(op["responses"].contains("500")) << path;
    }
  const std::set<std::string> expected = {
      "get /v1/health", "get /v1/info", "get /v1/openapi.json", "get /v1/models", "post /v1/jobs", "get /v1/jobs",
      "get /v1/jobs/{id}", "delete /v1/jobs/{id}", "post /v1/jobs/{id}/resume", "get /v1/jobs/{id}/events",
      "get /v1/jobs/{id}/files", "get /v1/jobs/{id}/files/{path}", "post /v1/views", "post /v1/detect",
      "post /v1/mask", "post /v1/ocr", "post /v1/blur",
      // The web UI's routes (ui_routes_test.cc).
      "get /", "get /ui/{path}", "get /vendor/{path}", "get /v1/fs", "get /v1/fs/equirect", "post /v1/fs/upload",
      "post /v1/frame", "get /v1/rig/presets", "post /v1/rig/files", "post /v1/rig/footprints",
      "post /v1/mask/equirect", "post /v1/mask/view"};
  EXPECT_EQ(listed, expected);
  // Every documented route answers (not "no such route"), with a status the document lists.
  for (const std::string& route : listed) {
    const std::string method = route.substr(0, route.find(' '));
    std::string path = route.substr(route.find(' ') + 1);
    if (const auto at = path.find("{id}"); at != std::string::npos) path.replace(at, 4, id);
    if (const auto at = path.find("{path}"); at != std::string::npos) path.replace(at, 6, "job.json");
    httplib::Result r = method == "get"    ? c->Get(path.c_str())
                        : method == "post" ? c->Post(path.c_str(), "{}", "application/json")
                                           : c->Delete(path.c_str());
    ASSERT_TRUE(r) << route;
    EXPECT_NE(ErrorOf(r), "no such route") << route;
    const std::string p = route.substr(route.find(' ') + 1);
    EXPECT_TRUE(doc["paths"][p][method]["responses"].contains(std::to_string(r->status))) << route << " " << r->status;
  }
}

TEST(ServiceApiTest, ABearerTokenIsRequiredWhenConfigured) {
  Harness h([](ServeOptions& o) { o.token = "s3cret-token"; });
  auto c = h.Client();
  const auto none = c->Get("/v1/health");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(none->get_header_value("WWW-Authenticate"), "Bearer");
  EXPECT_EQ(c->Get("/v1/jobs", {{"Authorization", "Bearer s3cret-tokeX"}})->status, 401);
  EXPECT_EQ(c->Get("/v1/jobs", {{"Authorization", "s3cret-token"}})->status, 401);
  EXPECT_EQ(c->Post("/v1/jobs", "{", "application/json")->status, 401) << "auth before the body is looked at";
  EXPECT_EQ(c->Get("/v1/health", {{"Authorization", "Bearer s3cret-token"}})->status, 200);
  const auto doc = c->Get("/v1/openapi.json", {{"Authorization", "Bearer s3cret-token"}});
  EXPECT_TRUE(Json::parse(doc->body)["components"].contains("securitySchemes"));
}

TEST(ServiceApiTest, ANonLoopbackHostNeedsAToken) {
  testkit::TempDir dir;
  ServeOptions o;
  o.host = "0.0.0.0";
  o.roots = {dir.path().string()};
  EXPECT_THROW(Service{o}, Error);
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_FALSE(IsLoopbackHost("192.168.1.2"));
}

TEST(ServiceApiTest, BadBodiesAre400WithTheJsonPointer) {
  Harness h;
  auto c = h.Client();
  const auto broken = c->Post("/v1/jobs", "{\"command\": ", "application/json");
  EXPECT_EQ(broken->status, 400);
  EXPECT_EQ(PointerOf(broken), "");
  const auto type = c->Post("/v1/jobs", R"({"command": "split", "inputs": ["in"], "output": "out", "rig": {"width": "x"}})",
                            "application/json");
  EXPECT_EQ(type->status, 400);
  EXPECT_EQ(PointerOf(type), "/rig/width");
  EXPECT_EQ(ErrorOf(type).find('\n'), std::string::npos);
  const auto unknown = c->Post("/v1/jobs", R"({"command": "split", "inputs": ["in"], "output": "out", "rig": {"wdth": 3}})",
                               "application/json");
  EXPECT_EQ(unknown->status, 400);
  EXPECT_EQ(PointerOf(unknown), "/rig/wdth");
  const auto view = c->Post("/v1/views", R"({"path": "p.jpg", "width": "big"})", "application/json");
  EXPECT_EQ(view->status, 400);
  EXPECT_EQ(PointerOf(view), "/width");
  const auto yaw = c->Post("/v1/views", R"({"path": "p.jpg", "view": {"yaw": "left"}})", "application/json");
  EXPECT_EQ(PointerOf(yaw), "/view/yaw");
  EXPECT_EQ(c->Post("/v1/views?rig=default11&view=cam00", "not a jpeg", "image/jpeg")->status, 400);
  EXPECT_EQ(c->Post("/v1/views?rig=default11&view=cam00&width=x", "x", "image/jpeg")->status, 400);
}

TEST(ServiceApiTest, PathsOutsideTheRootsAre403) {
  Harness h;
  testkit::WritePanoramas(h.root() / "in", 1, 64);
  testkit::WritePanoramas(h.dir() / "outside", 1, 64);
  std::ofstream(h.dir() / "secret.txt") << "secret";
  fs::create_directory_symlink(h.dir() / "outside", h.root() / "link_out");
  auto c = h.Client();
  int status = 0;
  Submit(*c, TinySplit(h.root() / "in", h.root() / "../escape"), &status);
  EXPECT_EQ(status, 403) << "output with ..";
  Submit(*c, TinySplit(h.dir() / "outside", h.root() / "out"), &status);
  EXPECT_EQ(status, 403) << "absolute input outside";
  Submit(*c, TinySplit(h.root() / "link_out", h.root() / "out"), &status);
  EXPECT_EQ(status, 403) << "input through a symlink out of the root";
  Submit(*c, TinySplit(h.root() / "in", h.root() / "link_out/out"), &status);
  EXPECT_EQ(status, 403) << "output through a symlink out of the root";
  JobDocument relative = TinySplit(h.root() / "in", h.root() / "out");
  relative.inputs = {"in"};
  relative.output = "sub/../../escape";
  Submit(*c, relative, &status);
  EXPECT_EQ(status, 403) << "relative output leaving the root";
  relative.output = "out";
  const std::string id = Submit(*c, relative, &status);
  ASSERT_EQ(status, 202) << "relative paths are taken from the root";
  ReadEvents(*c, id);

  fs::create_symlink(h.dir() / "secret.txt", h.root() / "out/leak.txt");
  const std::string files = "/v1/jobs/" + id + "/files/";
  for (const char* bad : {"../../secret.txt", "..%2f..%2fsecret.txt", "%2e%2e/%2e%2e/secret.txt",
                                 "%2e%2e%2f%2e%2e%2fsecret.txt", "%2fetc%2fpasswd", "leak.txt", "images/../../in/pano_1.jpg"}) {
    const auto res = c->Get((files + bad).c_str());
    ASSERT_TRUE(res) << bad;
    EXPECT_EQ(res->status, 403) << bad;
    EXPECT_EQ(res->body.find("secret\n"), std::string::npos);
  }
  const auto list = c->Get(("/v1/jobs/" + id + "/files").c_str());
  EXPECT_EQ(list->body.find("leak.txt"), std::string::npos) << "a link out of the folder is not listed";
  EXPECT_EQ(c->Get((files + "images/nope.jpg").c_str())->status, 404);
  EXPECT_EQ(c->Get((files + "images/%2e%2e/job.json").c_str())->status, 200) << "'..' that stays inside is fine";

  const auto preview = c->Post("/v1/views", Json{{"path", (h.dir() / "outside/pano_1.jpg").string()}}.dump(), "application/json");
  EXPECT_EQ(preview->status, 403);
  const auto via_link = c->Post("/v1/views", Json{{"path", "link_out/pano_1.jpg"}}.dump(), "application/json");
  EXPECT_EQ(via_link->status, 403);
  const auto missing = c->Post("/v1/views", Json{{"path", "in/none.jpg"}}.dump(), "application/json");
  EXPECT_EQ(missing->status, 404);
}

TEST(ServiceApiTest, UploadsOverTheLimitAre413) {
  Harness h([](ServeOptions& o) {
    o.max_upload = 4096;
    o.models = {{"seg", TestModel("seg_fixed.onnx")}};
  });
  auto c = h.Client();
  const std::string big(10000, 'x');
  const auto detect = c->Post("/v1/detect", big, "image/png");
  ASSERT_TRUE(detect);
  EXPECT_EQ(detect->status, 413);
  EXPECT_EQ(ErrorOf(detect), "body larger than the upload limit");
  EXPECT_EQ(c->Post("/v1/jobs", big, "application/json")->status, 413);
  EXPECT_EQ(c->Post("/v1/views?rig=default11&view=cam00", big, "image/jpeg")->status, 413);
  EXPECT_EQ(c->Get("/v1/health")->status, 200) << "the service goes on";
}

TEST(ServiceApiTest, ViewsRenderThePresetViewAndCacheDecodedPanoramas) {
  Harness h;
  const std::vector<std::string> panos = testkit::WritePanoramas(h.root() / "in", 1, 256);
  const std::vector<std::uint8_t> file = ReadFileBytes(panos[0]);
  auto c = h.Client();
  const auto res = c->Post("/v1/views?rig=default11&view=cam03&width=64&height=48", Bytes(file), "image/jpeg");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/jpeg");
  View view = MakePreset("default11").views[3];
  view.width = 64;
  view.height = 48;
  const Image expected = RenderView(DecodeEquirect(file, "x"), view);
  EXPECT_EQ(res->body, Bytes(EncodeImage(expected, ImageFormat::kJpeg, EncodeOptions{})));
  const Image got = DecodeImage(std::vector<std::uint8_t>(res->body.begin(), res->body.end()), "reply");
  EXPECT_EQ(got.width(), 64);
  EXPECT_EQ(got.height(), 48);

  const Json by_path = {{"path", "in/pano_1.jpg"}, {"rig", "default11"}, {"view_name", "cam03"}, {"width", 64}, {"height", 48}};
  const auto first = c->Post("/v1/views", by_path.dump(), "application/json");
  ASSERT_TRUE(first && first->status == 200) << (first ? first->body : "");
  EXPECT_EQ(first->body, res->body);
  EXPECT_EQ(h.service().panoramas().decodes(), 1u);
  const Json free_view = {{"path", "in/pano_1.jpg"}, {"view", {{"yaw", 0}, {"pitch", 0}, {"roll", 0}, {"hfov", 90}}}, {"width", 32}};
  const auto second = c->Post("/v1/views", free_view.dump(), "application/json");
  ASSERT_TRUE(second && second->status == 200);
  EXPECT_EQ(h.service().panoramas().decodes(), 1u) << "the second preview of the panorama is not decoded again";
  fs::last_write_time(panos[0], fs::last_write_time(panos[0]) + std::chrono::seconds(5));
  ASSERT_EQ(c->Post("/v1/views", free_view.dump(), "application/json")->status, 200);
  EXPECT_EQ(h.service().panoramas().decodes(), 2u) << "a changed file is decoded again";
  EXPECT_EQ(c->Post("/v1/views?rig=default11&view=nope", Bytes(file), "image/jpeg")->status, 400);
}

TEST(ServiceApiTest, DetectAndMaskOnAWarmModel) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  auto c = h.Client();
  const std::string png = SquarePng();
  const auto res = c->Post("/v1/detect?mask=1", png, "image/png");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const Json j = Json::parse(res->body);
  ASSERT_EQ(j["detections"].size(), 1u);
  EXPECT_EQ(j["detections"][0]["class"], "person");
  EXPECT_NEAR(j["detections"][0]["score"].get<double>(), 1.0, 1e-4);
  const std::vector<double> box = j["detections"][0]["box"];
  ASSERT_EQ(box.size(), 4u);
  EXPECT_NEAR(box[0], 320, 1.0);
  EXPECT_NEAR(box[1], 192, 1.0);
  EXPECT_NEAR(box[2], 352, 1.0);
  EXPECT_NEAR(box[3], 224, 1.0);
  EXPECT_FALSE(j["mask_png"].get<std::string>().empty());
  EXPECT_EQ(c->Post("/v1/detect?model=nope", png, "image/png")->status, 404);
  EXPECT_EQ(c->Post("/v1/detect", "not an image", "image/png")->status, 400);

  const auto mask = c->Post("/v1/mask?style=colmap", png, "image/png");
  ASSERT_TRUE(mask && mask->status == 200);
  EXPECT_EQ(mask->get_header_value("Content-Type"), "image/png");
  const Image m = DecodeImage(std::vector<std::uint8_t>(mask->body.begin(), mask->body.end()), "mask");
  ASSERT_EQ(m.width(), 640);
  EXPECT_EQ(m.channels(), 1);
  EXPECT_EQ(m.Row(200)[330], 0) << "the object is ignored";
  EXPECT_EQ(m.Row(10)[10], 255) << "the rest is kept";
  const auto inverted = c->Post("/v1/mask?invert=1", png, "image/png");
  const Image mi = DecodeImage(std::vector<std::uint8_t>(inverted->body.begin(), inverted->body.end()), "mask");
  EXPECT_EQ(mi.Row(200)[330], 255);
  EXPECT_EQ(mi.Row(10)[10], 0);
  EXPECT_EQ(c->Post("/v1/mask?style=nope", png, "image/png")->status, 400);
  EXPECT_EQ(h.service().models().loads(), 1u) << "one-shot calls reuse the warm model";
}

TEST(ServiceApiTest, AJobSharesTheWarmModel) {
  Harness h([](ServeOptions& o) { o.models = {{"seg", TestModel("seg_fixed.onnx")}}; });
  fs::create_directories(h.root() / "imgs");
  const std::string png = SquarePng();
  std::ofstream(h.root() / "imgs/a.png", std::ios::binary) << png;
  JobDocument job = JobDocument::For(JobCommand::kMask);
  job.inputs = {(h.root() / "imgs").string()};
  job.output = (h.root() / "masks").string();
  job.detect.model = "seg";  // the service's model, by name
  job.runtime.progress = ProgressMode::kNone;
  auto c = h.Client();
  const std::string id = Submit(*c, job);
  ASSERT_FALSE(id.empty());
  ReadEvents(*c, id);
  const auto res = c->Get(("/v1/jobs/" + id).c_str());
  const Json j = Json::parse(res->body);
  EXPECT_EQ(j["state"], "done") << res->body;
  EXPECT_EQ(j["counts"]["written"], 1);
  EXPECT_EQ(h.service().models().loads(), 1u) << "the job used the loaded model";
  JobDocument outside = job;
  outside.detect.model = TestModel("seg_fixed.onnx");  // a file outside the roots, not by name
  int status = 0;
  Submit(*c, outside, &status);
  EXPECT_EQ(status, 403);
}

}  // namespace
}  // namespace prep360::serve
