#include "prep360/ocr/ctc_decode.h"

#include <algorithm>
#include <fstream>

#include "prep360/util/error.h"

namespace prep360 {

std::vector<std::string> LoadCtcLabels(const std::string& path, long long classes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw FileError(path, "cannot read the recognition dictionary");
  std::vector<std::string> labels = {""};
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    labels.push_back(line);
  }
  labels.push_back(" ");
  if (labels.size() < 3) throw FileError(path, "the recognition dictionary is empty");
  if (classes > 0 && static_cast<long long>(labels.size()) != classes) {
    throw FileError(path, "the recognition dictionary has " + std::to_string(labels.size() - 2) +
                              " entries but the model has " + std::to_string(classes) +
                              " classes (want entries + 2: blank and space)");
  }
  return labels;
}

CtcText CtcGreedyDecode(const float* probs, int steps, int classes, const std::vector<std::string>& labels) {
  CtcText out;
  double sum = 0;
  int kept = 0;
  int previous = -1;
  for (int t = 0; t < steps; ++t) {
    const float* row = probs + static_cast<std::size_t>(t) * static_cast<std::size_t>(classes);
    const int best = static_cast<int>(std::max_element(row, row + classes) - row);
    if (best != 0 && best != previous && static_cast<std::size_t>(best) < labels.size()) {
      out.text += labels[static_cast<std::size_t>(best)];
      sum += row[best];
      ++kept;
    }
    previous = best;
  }
  out.score = kept == 0 ? 0.0f : static_cast<float>(sum / kept);
  return out;
}

}  // namespace prep360
