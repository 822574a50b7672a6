#pragma once
// A generic image classifier on ONNX Runtime: one float image input ([N, 3, H, W] or
// [N, H, W, 3], found from the model's shape) and one float output of scores, read through a
// softmax, a sigmoid or as probabilities as its JSON says (classifier_config.h): one label set for
// the whole image, or multi-label scores per cell of a YOLIC-style grid.
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "prep360/detect/classifier_config.h"
#include "prep360/image/image.h"

namespace prep360 {

struct LabelScore {
  std::string label;
  float score = 0;
};

struct CellLabels {
  int cell = 0;
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;  // the cell in image pixels
  std::vector<LabelScore> labels;        // those at or above the threshold, best first
};

struct ClassifyResult {
  std::vector<LabelScore> labels;  // no grid: the selected labels, best first
  std::vector<CellLabels> cells;   // a grid: every cell, in the JSON's order
};

class Classifier {
 public:
  // `config_path` empty: the JSON beside the model. Throws FileError naming the model or the JSON
  // (one line) when they do not fit together: input layout, size, output size vs labels x cells.
  Classifier(const std::string& model_path, const std::string& config_path, const std::string& device, int threads,
             const std::function<void(const std::string&)>& warn);
  ~Classifier();
  Classifier(const Classifier&) = delete;
  Classifier& operator=(const Classifier&) = delete;

  const ClassifierConfig& config() const;
  std::string provider() const;
  std::pair<int, int> input_size() const;  // {width, height}
  // Any 8- or 16-bit image with 1, 3 or 4 channels, possibly decoded reduced from a file of
  // width x height (the cells' pixel boxes are at that size). Thread-safe.
  ClassifyResult Classify(const Image& image, int width, int height, double* inference_s = nullptr) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
