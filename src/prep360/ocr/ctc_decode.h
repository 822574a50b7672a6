#pragma once
// CTC greedy decoding for PP-OCR recognition: the most likely class at each time step, repeats
// merged, blanks dropped. Class 0 is the CTC blank, classes 1..n the dictionary's lines in order,
// class n + 1 a space.
#include <string>
#include <vector>

namespace prep360 {

// The class labels of a recogniser: "" (blank), the dictionary file's lines (UTF-8, "\r\n" or
// "\n"), " ". Throws FileError(path, ...) when the file cannot be read, or when `classes` (the
// model's output size, if known: > 0) is not the number of labels.
std::vector<std::string> LoadCtcLabels(const std::string& path, long long classes);

struct CtcText {
  std::string text;
  float score = 0;  // mean probability of the kept characters; 0 for an empty text
};

// `probs` is steps x classes (softmax output), `labels` has `classes` entries.
CtcText CtcGreedyDecode(const float* probs, int steps, int classes, const std::vector<std::string>& labels);

}  // namespace prep360
