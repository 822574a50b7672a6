#pragma once
// The OCR result file: {"text": [{"text": "...", "score": 0.98, "quad": [[x, y] x 4]}]}, quads in
// continuous pixel coordinates (0 = the image's left/top edge), corners top-left, top-right,
// bottom-right, bottom-left of the text as read.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/ocr/ocr_pipeline.h"

namespace prep360 {

nlohmann::json OcrJson(const std::vector<OcrText>& texts);
// Reads what OcrJson wrote; throws Error naming `name_for_errors` when it is not that shape.
std::vector<OcrText> ParseOcrJson(const nlohmann::json& json, const std::string& name_for_errors);

}  // namespace prep360
