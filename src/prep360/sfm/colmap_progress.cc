#include "prep360/sfm/colmap_progress.h"

#include <algorithm>
#include <cstdio>

namespace prep360 {
namespace {

// Parses "[a/b]" or "[a/b, c/d]" at `at` (the '['); returns the count of numbers read.
int Brackets(const std::string& line, std::size_t at, int v[4]) {
  if (at >= line.size() || line[at] != '[') return 0;
  const int n = std::sscanf(line.c_str() + at, "[%d/%d, %d/%d]", &v[0], &v[1], &v[2], &v[3]);
  return n < 0 ? 0 : n;
}

}  // namespace

std::optional<double> ColmapLineProgress(const std::string& line, int images) {
  int v[4] = {0, 0, 0, 0};
  for (const char* key : {"Processed file ", "Matching image "}) {
    const std::size_t at = line.find(key);
    if (at != std::string::npos && Brackets(line, at + std::char_traits<char>::length(key), v) >= 2 && v[1] > 0) {
      return std::clamp(static_cast<double>(v[0]) / v[1], 0.0, 1.0);
    }
  }
  const std::size_t block = line.find("Matching block ");
  if (block != std::string::npos) {
    const int n = Brackets(line, block + 15, v);
    if (n == 4 && v[1] > 0 && v[3] > 0) return std::clamp(((v[0] - 1.0) * v[3] + v[2]) / (v[1] * v[3]), 0.0, 1.0);
    if (n >= 2 && v[1] > 0) return std::clamp(static_cast<double>(v[0]) / v[1], 0.0, 1.0);
  }
  const std::size_t reg = line.find("Registering image #");
  if (reg != std::string::npos && images > 0) {
    int id = 0, count = 0;
    if (std::sscanf(line.c_str() + reg, "Registering image #%d (%d)", &id, &count) == 2) {
      return std::clamp(static_cast<double>(count) / images, 0.0, 1.0);
    }
  }
  return std::nullopt;
}

}  // namespace prep360
