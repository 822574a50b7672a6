#pragma once
// Progress from COLMAP's log lines (3.8 prints them on stdout; >= 3.12 through glog with a
// "I20250101 ... file.cc:123] " prefix, so they are found anywhere in the line):
//   feature_extractor  "Processed file [12/36]"
//   matchers           "Matching block [2/5]", "Matching block [1/3, 2/3]", "Matching image [7/40]"
//   mapper             "Registering image #12 (13)": 13 images registered so far
#include <optional>
#include <string>

namespace prep360 {

// Fraction of the step done (0..1) that `line` reports; for the mapper, `images` is the number
// of images to register. nullopt when the line reports no progress.
std::optional<double> ColmapLineProgress(const std::string& line, int images);

}  // namespace prep360
