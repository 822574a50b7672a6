#include "prep360/detect/classifier_config.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

using Json = nlohmann::json;

// Reads one JSON object; a problem is one line naming `where` (a JSON pointer).
class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path) {}

  [[noreturn]] void Fail(const std::string& where, const std::string& what) const {
    throw FileError(path_, where + ": " + what);
  }
  void OnlyKeys(const Json& object, const std::string& where, const std::set<std::string>& keys) const {
    if (!object.is_object()) Fail(where.empty() ? "/" : where, "must be an object");
    for (const auto& [key, value] : object.items()) {
      if (keys.count(key) == 0) Fail(where + "/" + key, "unknown field");
    }
  }
  double Number(const Json& value, const std::string& where, double lo, double hi) const {
    if (!value.is_number()) Fail(where, "must be a number");
    const double v = value.get<double>();
    if (!(v >= lo && v <= hi)) Fail(where, "must be in " + Range(lo, hi));
    return v;
  }
  int Integer(const Json& value, const std::string& where, int lo, int hi) const {
    if (!value.is_number_integer()) Fail(where, "must be an integer");
    const auto v = value.get<long long>();
    if (v < lo || v > hi) Fail(where, "must be in " + Range(lo, hi));
    return static_cast<int>(v);
  }
  std::vector<double> Triple(const Json& value, const std::string& where, double lo) const {
    if (!value.is_array() || value.size() != 3) Fail(where, "must be 3 numbers (R, G, B)");
    std::vector<double> out;
    for (std::size_t i = 0; i < 3; ++i) out.push_back(Number(value[i], where + "/" + std::to_string(i), lo, 1e9));
    return out;
  }

 private:
  static std::string Range(double lo, double hi) {
    std::ostringstream s;
    s << lo << ".." << hi;
    return s.str();
  }
  std::string path_;
};

void ReadInput(const Reader& r, const Json& in, ClassifierConfig& c) {
  r.OnlyKeys(in, "/input", {"width", "height", "mean", "std", "channels"});
  if (in.contains("width")) c.width = r.Integer(in["width"], "/input/width", 1, 8192);
  if (in.contains("height")) c.height = r.Integer(in["height"], "/input/height", 1, 8192);
  if (in.contains("mean")) c.mean = r.Triple(in["mean"], "/input/mean", -1e9);
  if (in.contains("std")) c.std = r.Triple(in["std"], "/input/std", 1e-9);
  if (in.contains("channels")) {
    const Json& ch = in["channels"];
    if (ch != "rgb" && ch != "bgr") r.Fail("/input/channels", "must be \"rgb\" or \"bgr\"");
    c.bgr = ch == "bgr";
  }
}

void ReadGrid(const Reader& r, const Json& grid, ClassifierConfig& c) {
  r.OnlyKeys(grid, "/grid", {"rows", "cols", "cells"});
  if (grid.contains("cells") == (grid.contains("rows") || grid.contains("cols"))) {
    r.Fail("/grid", "give either rows and cols, or cells");
  }
  if (grid.contains("cells")) {
    const Json& cells = grid["cells"];
    if (!cells.is_array() || cells.empty()) r.Fail("/grid/cells", "must be a non-empty array of [x0, y0, x1, y1]");
    for (std::size_t i = 0; i < cells.size(); ++i) {
      const std::string where = "/grid/cells/" + std::to_string(i);
      if (!cells[i].is_array() || cells[i].size() != 4) r.Fail(where, "must be [x0, y0, x1, y1] (fractions 0..1)");
      ClassifierCell cell{r.Number(cells[i][0], where + "/0", 0, 1), r.Number(cells[i][1], where + "/1", 0, 1),
                          r.Number(cells[i][2], where + "/2", 0, 1), r.Number(cells[i][3], where + "/3", 0, 1)};
      if (cell.x1 <= cell.x0 || cell.y1 <= cell.y0) r.Fail(where, "must have x0 < x1 and y0 < y1");
      c.cells.push_back(cell);
    }
    return;
  }
  if (!grid.contains("rows") || !grid.contains("cols")) r.Fail("/grid", "give both rows and cols");
  const int rows = r.Integer(grid["rows"], "/grid/rows", 1, 1024);
  const int cols = r.Integer(grid["cols"], "/grid/cols", 1, 1024);
  for (int y = 0; y < rows; ++y) {  // row-major: cell index = row * cols + col
    for (int x = 0; x < cols; ++x) {
      c.cells.push_back({static_cast<double>(x) / cols, static_cast<double>(y) / rows,
                         static_cast<double>(x + 1) / cols, static_cast<double>(y + 1) / rows});
    }
  }
}

}  // namespace

std::string ClassifierConfigPath(const std::string& model_path) {
  return std::filesystem::path(model_path).replace_extension(".json").string();
}

ClassifierConfig LoadClassifierConfig(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw FileError(path, "cannot read the classifier's JSON (it sits beside the model, see docs/models.md)");
  const Json doc = Json::parse(file, nullptr, false);
  if (doc.is_discarded()) throw FileError(path, "not valid JSON");
  const Reader r(path);
  r.OnlyKeys(doc, "", {"labels", "head", "threshold", "top_k", "input", "grid"});
  ClassifierConfig c;
  if (!doc.contains("labels") || !doc["labels"].is_array() || doc["labels"].empty()) {
    r.Fail("/labels", "must be a non-empty array of label names");
  }
  for (std::size_t i = 0; i < doc["labels"].size(); ++i) {
    if (!doc["labels"][i].is_string()) r.Fail("/labels/" + std::to_string(i), "must be a string");
    c.labels.push_back(doc["labels"][i].get<std::string>());
  }
  if (doc.contains("head")) {
    const Json& head = doc["head"];
    if (head == "softmax") {
      c.head = ClassifierHead::kSoftmax;
    } else if (head == "sigmoid") {
      c.head = ClassifierHead::kSigmoid;
    } else if (head == "probabilities") {
      c.head = ClassifierHead::kProbabilities;
    } else {
      r.Fail("/head", "must be \"softmax\", \"sigmoid\" or \"probabilities\"");
    }
  }
  c.threshold = c.head == ClassifierHead::kSoftmax ? 0.0 : 0.5;
  if (doc.contains("threshold")) c.threshold = r.Number(doc["threshold"], "/threshold", 0, 1);
  if (doc.contains("top_k")) c.top_k = r.Integer(doc["top_k"], "/top_k", 1, 100000);
  if (doc.contains("input")) ReadInput(r, doc["input"], c);
  if (doc.contains("grid")) ReadGrid(r, doc["grid"], c);
  return c;
}

}  // namespace prep360
