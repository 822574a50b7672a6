#include "prep360/ocr/ctc_decode.h"

#include <fstream>

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

TEST(CtcDecode, LabelsAreBlankDictionaryThenSpace) {
  testkit::TempDir dir;
  std::ofstream(dir / "keys.txt") << "a\r\nb\nc";
  const std::vector<std::string> labels = LoadCtcLabels(dir / "keys.txt", 5);
  EXPECT_EQ(labels, (std::vector<std::string>{"", "a", "b", "c", " "}));
  try {
    LoadCtcLabels(dir / "keys.txt", 6625);
    FAIL() << "a dictionary that does not match the model must be an error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("keys.txt: the recognition dictionary has 3 entries"), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(LoadCtcLabels(dir / "missing.txt", 0), Error);
}

TEST(CtcDecode, MergesRepeatsDropsBlanksAndAveragesKeptProbabilities) {
  const std::vector<std::string> labels = {"", "a", "b", " "};
  // Steps: a a blank a b b space -> "aab " (the blank separates the two a's).
  const int best[] = {1, 1, 0, 1, 2, 2, 3};
  const float p[] = {0.9f, 0.5f, 0.8f, 0.7f, 0.6f, 0.9f, 0.8f};
  std::vector<float> probs;
  for (int t = 0; t < 7; ++t) {
    for (int c = 0; c < 4; ++c) probs.push_back(c == best[t] ? p[t] : (1 - p[t]) / 3);
  }
  const CtcText text = CtcGreedyDecode(probs.data(), 7, 4, labels);
  EXPECT_EQ(text.text, "aab ");
  EXPECT_NEAR(text.score, (0.9f + 0.7f + 0.6f + 0.8f) / 4, 1e-6);
  EXPECT_EQ(CtcGreedyDecode(probs.data(), 0, 4, labels).text, "");
}

}  // namespace
}  // namespace prep360
