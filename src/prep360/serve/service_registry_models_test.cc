// The service's one-shot calls on the registry's models, on real images: /v1/detect with
// model=face (BlazeFace on skimage's astronaut), /v1/ocr (a DejaVu Sans line read exactly) and
// /v1/blur (the face beyond recognition, the rest untouched), each model loaded once.
#include <gtest/gtest.h>

#include <algorithm>

#include "prep360/image/image_io.h"
#include "prep360/serve/service_test_util.h"
#include "prep360/testing/real_photos.h"
#include "prep360/testing/ssim.h"
#include "prep360/testing/text_render.h"

namespace prep360::serve {
namespace {
using namespace test;
using testkit::kAstronautFace;

std::string Bytes(const std::vector<std::uint8_t>& v) { return std::string(v.begin(), v.end()); }

std::string FileBytes(const std::string& path) { return Bytes(ReadFileBytes(path)); }

double IoU(const std::vector<double>& b, const testkit::PixelBox& t) {
  const double ix = std::max(0.0, std::min(b[2], t.x1) - std::max(b[0], t.x0));
  const double iy = std::max(0.0, std::min(b[3], t.y1) - std::max(b[1], t.y0));
  const double inter = ix * iy;
  return inter / ((b[2] - b[0]) * (b[3] - b[1]) + (t.x1 - t.x0) * (t.y1 - t.y0) - inter);
}

TEST(ServiceRegistryModelsTest, DetectFacesOnAWarmBlazeFace) {
  Harness h;
  auto c = h.Client();
  const std::string photo = FileBytes(testkit::SkimagePhoto("astronaut.png"));
  for (int call = 0; call < 2; ++call) {  // the second call finds the model warm
    const auto res = c->Post("/v1/detect?model=face", photo, "image/png");
    ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
    const Json j = Json::parse(res->body);
    ASSERT_EQ(j["detections"].size(), 1u) << j.dump();
    EXPECT_EQ(j["detections"][0]["class"], "face");
    EXPECT_GE(IoU(j["detections"][0]["box"].get<std::vector<double>>(), kAstronautFace), 0.5);
    EXPECT_EQ(j["width"], 512);
  }
  EXPECT_EQ(c->Post("/v1/detect?model=face", "not an image", "image/png")->status, 400);
}

TEST(ServiceRegistryModelsTest, OcrReadsARenderedLineExactly) {
  Harness h;
  auto c = h.Client();
  const Image line = testkit::RenderTextLine("Platform-9-exit", 40, 30);
  const auto res = c->Post("/v1/ocr", Bytes(EncodeImage(line, ImageFormat::kPng, EncodeOptions{})), "image/png");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  const Json j = Json::parse(res->body);
  ASSERT_EQ(j["text"].size(), 1u) << j.dump();
  EXPECT_EQ(j["text"][0]["text"], "Platform-9-exit");
  EXPECT_EQ(j["text"][0]["quad"].size(), 4u);
  EXPECT_EQ(c->Post("/v1/ocr", "", "image/png")->status, 400);
}

TEST(ServiceRegistryModelsTest, BlurHidesTheFaceAndKeepsTheRest) {
  Harness h;
  auto c = h.Client();
  const std::string path = testkit::SkimagePhoto("astronaut.png");
  const Image original = ReadImage(path);
  const auto res = c->Post("/v1/blur?format=png", FileBytes(path), "image/png");
  ASSERT_TRUE(res && res->status == 200) << (res ? res->body : "");
  EXPECT_EQ(res->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(res->get_header_value("X-Prep360-Faces"), "1");
  const Image out = DecodeImage(std::vector<std::uint8_t>(res->body.begin(), res->body.end()), "blurred");
  ASSERT_EQ(out.width(), original.width());
  const auto& f = kAstronautFace;
  EXPECT_LE(testkit::Ssim(original, out, static_cast<int>(f.x0), static_cast<int>(f.y0), static_cast<int>(f.x1),
                          static_cast<int>(f.y1)),
            0.3);
  int changed = 0;  // the bottom third, far below the face
  for (int y = 380; y < out.height(); ++y)
    for (int x = 0; x < out.width(); ++x)
      for (int ch = 0; ch < 3; ++ch) changed += original.At(x, y, ch) != out.At(x, y, ch);
  EXPECT_EQ(changed, 0);
  EXPECT_EQ(c->Post("/v1/blur?model=ocr-det", FileBytes(path), "image/png")->status, 400);
  EXPECT_EQ(c->Post("/v1/blur?format=gif", FileBytes(path), "image/png")->status, 400);
}

}  // namespace
}  // namespace prep360::serve
