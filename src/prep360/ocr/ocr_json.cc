#include "prep360/ocr/ocr_json.h"

#include <cmath>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

double Round(double v, double per_unit) { return std::round(v * per_unit) / per_unit; }

}  // namespace

nlohmann::json OcrJson(const std::vector<OcrText>& texts) {
  nlohmann::json list = nlohmann::json::array();
  for (const OcrText& t : texts) {
    nlohmann::json quad = nlohmann::json::array();
    for (const Point2& p : t.quad) quad.push_back({Round(p.x, 10), Round(p.y, 10)});
    list.push_back({{"text", t.text}, {"score", Round(t.score, 10000)}, {"quad", quad}});
  }
  return {{"text", list}};
}

std::vector<OcrText> ParseOcrJson(const nlohmann::json& json, const std::string& name_for_errors) {
  std::vector<OcrText> texts;
  try {
    for (const nlohmann::json& item : json.at("text")) {
      OcrText t;
      t.text = item.at("text").get<std::string>();
      t.score = item.at("score").get<float>();
      const nlohmann::json& quad = item.at("quad");
      if (quad.size() != 4) throw Error("a quad has " + std::to_string(quad.size()) + " corners, want 4");
      for (std::size_t i = 0; i < 4; ++i) t.quad[i] = {quad.at(i).at(0).get<double>(), quad.at(i).at(1).get<double>()};
      texts.push_back(std::move(t));
    }
  } catch (const nlohmann::json::exception& e) {
    throw FileError(name_for_errors, std::string("not an OCR result: ") + e.what());
  } catch (const Error& e) {
    throw FileError(name_for_errors, std::string("not an OCR result: ") + e.what());
  }
  return texts;
}

}  // namespace prep360
