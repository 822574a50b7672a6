#include "prep360/video/sharpness.h"

#include <cstddef>
#include <cstdint>

namespace prep360 {

double Sharpness(const LumaThumbnail& luma) {
  const int w = luma.width, h = luma.height;
  if (w < 3 || h < 3) return 0;
  // Integer sums: exact, and the inner loop vectorises.
  std::int64_t sum = 0, sum_sq = 0;
  for (int y = 1; y < h - 1; ++y) {
    const std::uint8_t* up = luma.pixels.data() + static_cast<std::size_t>(y - 1) * static_cast<std::size_t>(w);
    const std::uint8_t* row = up + w;
    const std::uint8_t* down = row + w;
    std::int64_t row_sum = 0, row_sq = 0;
    for (int x = 1; x < w - 1; ++x) {
      const int lap = up[x] + down[x] + row[x - 1] + row[x + 1] - 4 * row[x];
      row_sum += lap;
      row_sq += lap * lap;
    }
    sum += row_sum;
    sum_sq += row_sq;
  }
  const double n = static_cast<double>(w - 2) * static_cast<double>(h - 2);
  const double mean = static_cast<double>(sum) / n;
  return static_cast<double>(sum_sq) / n - mean * mean;
}

}  // namespace prep360
