// PP-OCRv4 on real renders and a real photo, with the registry models scripts/bootstrap installs.
#include "prep360/ocr/ocr_pipeline.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/models/model_registry.h"
#include "prep360/ocr/text_quad.h"
#include "prep360/testing/text_render.h"

namespace prep360 {
namespace {

// The registry's models: the fused files scripts/install_models makes (`fused`), or the npm
// package's own files (`fused` false).
std::unique_ptr<OcrPipeline> MakePipeline(bool fused) {
  auto file = [fused](const char* name) {
    const RegistryModel& m = *FindRegistryModel(name);
    return InstalledPath(m, fused ? m.fused : m.file).string();
  };
  OcrModelPaths m;
  m.detector = file("ocr-det");
  m.recognizer = file("ocr-rec");
  m.angle = file("ocr-cls");
  const RegistryModel& rec = *FindRegistryModel("ocr-rec");
  m.dictionary = InstalledPath(rec, rec.companion).string();
  OcrOptions options;
  options.device = "cpu";
  return std::make_unique<OcrPipeline>(m, options, nullptr);
}

// What `ocr-det`, `ocr-rec` and `ocr-cls` resolve to: the fused files.
const OcrPipeline& Pipeline() {
  static const std::unique_ptr<OcrPipeline> pipeline = MakePipeline(true);
  return *pipeline;
}

std::u32string Utf32(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    const int n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = n == 1 ? c : c & (0xFF >> (n + 1));
    for (int k = 1; k < n && i + static_cast<std::size_t>(k) < s.size(); ++k) cp = (cp << 6) | (s[i + k] & 0x3F);
    out.push_back(cp);
    i += static_cast<std::size_t>(n);
  }
  return out;
}

std::size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::string Joined(const std::vector<OcrText>& texts) {
  std::string all;
  for (const OcrText& t : texts) all += (all.empty() ? "" : "\n") + t.text;
  return all;
}

// A line rendered with DejaVu Sans on a white canvas with room around it, turned by `degrees`.
Image RenderedScene(const std::string& text, int pixel_size, double degrees) {
  const Image line = testkit::RenderTextLine(text, pixel_size, pixel_size / 2);
  const int side = line.width() + 2 * pixel_size;
  return testkit::RotateOntoCanvas(line, degrees, side, line.height() + side / 3);
}

// PP-OCRv4's Chinese/English recogniser often drops the space between English words (a known
// weakness of the model, PaddleOCR issues #11386 and #5448, PaddleX #3519): single words are read
// exactly, sentences exactly apart from word spaces.
std::string WithoutSpaces(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), ' '), s.end());
  return s;
}

TEST(OcrPipeline, ReadsRenderedTextExactlyAtSeveralSizes) {
  const std::string word = "Panorama360-B7", sentence = "Keep clear of the rail, platform 9";
  for (const int size : {24, 36, 64}) {
    for (const std::string& text : {word, sentence}) {
      const std::vector<OcrText> found = Pipeline().Read(RenderedScene(text, size, 0));
      ASSERT_EQ(found.size(), 1u) << size << " px: " << Joined(found);
      EXPECT_EQ(WithoutSpaces(found[0].text), WithoutSpaces(text)) << size << " px";
      if (text == word) {
        EXPECT_EQ(found[0].text, word) << size << " px";
      }
      EXPECT_GT(found[0].score, 0.9f) << size << " px";
    }
  }
}

TEST(OcrPipeline, ReadsRotatedTextExactlyAndItsQuadFollowsTheText) {
  for (const double degrees : {10.0, -10.0}) {
    for (const std::string text : {"Exit-42/North", "Gate 7 departures"}) {
      const std::vector<OcrText> found = Pipeline().Read(RenderedScene(text, 36, degrees));
      ASSERT_EQ(found.size(), 1u) << degrees << "°: " << Joined(found);
      EXPECT_EQ(WithoutSpaces(found[0].text), WithoutSpaces(text)) << degrees << "°";
      if (text.find(' ') == std::string::npos) {
        EXPECT_EQ(found[0].text, text) << degrees << "°";
      }
      // The quad's top edge is turned like the text (counter-clockwise on screen: rising to the right).
      const Quad& q = found[0].quad;
      const double angle = std::atan2(-(q[1].y - q[0].y), q[1].x - q[0].x) * 180 / 3.14159265358979;
      EXPECT_NEAR(angle, degrees, 2.0) << text;
    }
  }
}

TEST(OcrPipeline, TurnsUpsideDownTextWithTheAngleClassifier) {
  const std::string text = "Upside-down-sign-7";
  const std::vector<OcrText> found = Pipeline().Read(RenderedScene(text, 36, 180));
  ASSERT_EQ(found.size(), 1u) << Joined(found);
  EXPECT_EQ(found[0].text, text);
}

TEST(OcrPipeline, ListsLinesInReadingOrder) {
  const Image top = testkit::RenderTextLine("first line here", 32, 8);
  const Image bottom = testkit::RenderTextLine("second line below", 32, 8);
  Image page(std::max(top.width(), bottom.width()) + 80, 240, 3, 1);
  page.Fill(255);
  testkit::Paste(bottom, page, 40, 140);
  testkit::Paste(top, page, 40, 30);
  const std::vector<OcrText> found = Pipeline().Read(page);
  ASSERT_EQ(found.size(), 2u) << Joined(found);
  EXPECT_EQ(WithoutSpaces(found[0].text), "firstlinehere");
  EXPECT_EQ(WithoutSpaces(found[1].text), "secondlinebelow");
  EXPECT_LT(found[0].quad[3].y, found[1].quad[0].y);
}

TEST(OcrPipeline, ReadsARealTextPhotoWithAtLeast95PercentCharacterAccuracy) {
  // skimage's page.png (python3-skimage): a photographed book page, grey, 384 x 191.
  const Image photo = ReadImage("/usr/lib/python3/dist-packages/skimage/data/page.png");
  const std::vector<OcrText> found = Pipeline().Read(photo);
  const std::string truth =
      "Region-based segmentation\n"
      "Let us first determine markers of the coins and the\n"
      "background. These markers are pixels that we can label\n"
      "unambiguously as either object or background. Here,\n"
      "the markers are found at the two extreme parts of the\n"
      "histogram of grey values:\n"
      ">>> markers = np.zeros_like(coins)";
  const std::string read = Joined(found);
  const double accuracy = 1.0 - static_cast<double>(EditDistance(Utf32(read), Utf32(truth))) / Utf32(truth).size();
  // Measured 0.960 (12 edits in 299 characters, 10 of them dropped spaces); without spaces 0.992.
  EXPECT_GE(accuracy, 0.95) << read;
}

TEST(OcrPipeline, TheFusedModelsReadWhatThePackagesModelsRead) {
  // scripts/fuse_ocr_model's rewrite is exact up to float rounding: the same texts, quads and
  // scores on the real photo, a rotated line and an upside-down one.
  EXPECT_EQ(ResolveModel("ocr-det"), InstalledPath(*FindRegistryModel("ocr-det"), FindRegistryModel("ocr-det")->fused));
  const std::unique_ptr<OcrPipeline> plain = MakePipeline(false);
  std::vector<Image> images;
  images.push_back(ReadImage("/usr/lib/python3/dist-packages/skimage/data/page.png"));
  images.push_back(RenderedScene("Exit-42/North", 36, 10));
  images.push_back(RenderedScene("Upside-down-sign-7", 36, 180));
  for (const Image& image : images) {
    const std::vector<OcrText> fused = Pipeline().Read(image), original = plain->Read(image);
    ASSERT_EQ(fused.size(), original.size()) << Joined(fused) << "\n--\n" << Joined(original);
    ASSERT_FALSE(fused.empty());
    for (std::size_t i = 0; i < fused.size(); ++i) {
      EXPECT_EQ(fused[i].text, original[i].text);
      EXPECT_NEAR(fused[i].score, original[i].score, 1e-4);
      for (std::size_t k = 0; k < 4; ++k) {
        EXPECT_NEAR(fused[i].quad[k].x, original[i].quad[k].x, 0.01) << fused[i].text;
        EXPECT_NEAR(fused[i].quad[k].y, original[i].quad[k].y, 0.01) << fused[i].text;
      }
    }
  }
}

}  // namespace
}  // namespace prep360
