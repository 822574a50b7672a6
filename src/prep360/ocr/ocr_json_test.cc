#include "prep360/ocr/ocr_json.h"

#include <gtest/gtest.h>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(OcrJson, WritesTextScoreAndQuadAndReadsThemBack) {
  OcrText t;
  t.text = "Gate 7";
  t.score = 0.98766f;
  t.quad = {Point2{1.04, 2}, Point2{30.26, 2}, Point2{30.26, 12}, Point2{1.04, 12}};
  const nlohmann::json json = OcrJson({t});
  EXPECT_EQ(json.dump(),
            R"({"text":[{"quad":[[1.0,2.0],[30.3,2.0],[30.3,12.0],[1.0,12.0]],"score":0.9877,"text":"Gate 7"}]})");
  const std::vector<OcrText> back = ParseOcrJson(json, "a.json");
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].text, "Gate 7");
  EXPECT_NEAR(back[0].quad[1].x, 30.3, 1e-9);
  EXPECT_EQ(OcrJson({}).dump(), R"({"text":[]})");
}

TEST(OcrJson, AWrongShapeIsAnErrorNamingTheFile) {
  try {
    ParseOcrJson(nlohmann::json::parse(R"({"text":[{"text":"a","score":1,"quad":[[0,0]]}]})"), "b.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("b.json: not an OCR result", 0), 0u) << e.what();
  }
  EXPECT_THROW(ParseOcrJson(nlohmann::json::parse("{}"), "c.json"), Error);
}

}  // namespace
}  // namespace prep360
