#pragma once
// The small JSON that sits beside a classifier model (MODEL.onnx -> MODEL.json) and says how to
// feed it and read it; the schema is in docs/models.md. Everything but "labels" has a default.
#include <string>
#include <vector>

namespace prep360 {

enum class ClassifierHead { kSoftmax, kSigmoid, kProbabilities };

struct ClassifierCell {
  double x0 = 0, y0 = 0, x1 = 1, y1 = 1;  // fractions of the image width and height
};

struct ClassifierConfig {
  std::vector<std::string> labels;  // one per output score (per cell, for a grid)
  ClassifierHead head = ClassifierHead::kSoftmax;
  // Softmax: the top_k labels scoring at least threshold (default 0). Sigmoid / probabilities:
  // every label scoring at least threshold (default 0.5; multi-label).
  double threshold = 0;
  int top_k = 1;
  // Input: 0 = the model's own (fixed) size. Pixels are value / 255, then (v - mean) / std per
  // channel, in RGB order unless bgr. The image is stretched to the input (no letterbox).
  int width = 0, height = 0;
  std::vector<double> mean{0, 0, 0}, std{1, 1, 1};
  bool bgr = false;
  // A YOLIC-style grid: the model scores every label in each cell ([N, cells, labels] or any
  // shape with cells x labels values per image). Empty: one set of scores for the whole image.
  std::vector<ClassifierCell> cells;
};

// MODEL.onnx -> MODEL.json.
std::string ClassifierConfigPath(const std::string& model_path);

// Reads and checks the JSON; throws FileError(path, ...) in one line for a missing file, bad JSON
// or a bad field (named by its JSON path, e.g. "/grid/rows").
ClassifierConfig LoadClassifierConfig(const std::string& path);

}  // namespace prep360
