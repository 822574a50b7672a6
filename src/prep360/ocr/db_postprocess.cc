#include "prep360/ocr/db_postprocess.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace prep360 {
namespace {

// Mean probability over the map pixels whose centres lie inside the rectangle (its edges included).
float MeanInside(const float* prob, int width, int height, const Quad& rect) {
  double x0 = rect[0].x, x1 = x0, y0 = rect[0].y, y1 = y0;
  for (const Point2& p : rect) x0 = std::min(x0, p.x), x1 = std::max(x1, p.x), y0 = std::min(y0, p.y), y1 = std::max(y1, p.y);
  const int xa = std::clamp(static_cast<int>(std::floor(x0)), 0, width - 1);
  const int xb = std::clamp(static_cast<int>(std::ceil(x1)), 0, width - 1);
  const int ya = std::clamp(static_cast<int>(std::floor(y0)), 0, height - 1);
  const int yb = std::clamp(static_cast<int>(std::ceil(y1)), 0, height - 1);
  double sum = 0;
  std::size_t count = 0;
  for (int y = ya; y <= yb; ++y) {
    const float* row = prob + static_cast<std::size_t>(y) * static_cast<std::size_t>(width);
    for (int x = xa; x <= xb; ++x) {
      if (!InsideConvexQuad(rect, x, y, 0.5)) continue;
      sum += row[x];
      ++count;
    }
  }
  return count == 0 ? 0.0f : static_cast<float>(sum / static_cast<double>(count));
}

// Labels 8-connected regions of `bitmap` one at a time: each call returns the next region's
// row extents as points (the left- and right-most pixel of each of its rows), or nothing at the end.
class RegionScanner {
 public:
  RegionScanner(std::vector<std::uint8_t>& bitmap, const float* prob, int width, int height)
      : bitmap_(bitmap), prob_(prob), width_(width), height_(height), row_min_(static_cast<std::size_t>(height)),
        row_max_(static_cast<std::size_t>(height)), row_region_(static_cast<std::size_t>(height), 0) {}

  // `mean` gets the mean probability over the region's pixels.
  bool Next(std::vector<Point2>& points, float& mean) {
    const std::size_t total = bitmap_.size();
    while (next_ < total && bitmap_[next_] != 1) ++next_;
    if (next_ >= total) return false;
    Flood(next_);
    mean = static_cast<float>(sum_ / static_cast<double>(pixels_));
    points.clear();
    for (const int y : rows_) {
      const std::size_t r = static_cast<std::size_t>(y);
      points.push_back({static_cast<double>(row_min_[r]), static_cast<double>(y)});
      if (row_max_[r] != row_min_[r]) points.push_back({static_cast<double>(row_max_[r]), static_cast<double>(y)});
    }
    return true;
  }

 private:
  void Flood(std::size_t seed) {
    rows_.clear();
    sum_ = 0;
    pixels_ = 0;
    ++region_;
    stack_.assign(1, seed);
    bitmap_[seed] = 2;  // visited
    while (!stack_.empty()) {
      const std::size_t i = stack_.back();
      stack_.pop_back();
      const int x = static_cast<int>(i % static_cast<std::size_t>(width_));
      const int y = static_cast<int>(i / static_cast<std::size_t>(width_));
      Extend(x, y);
      sum_ += prob_[i];
      ++pixels_;
      for (int dy = -1; dy <= 1; ++dy) {
        const int ny = y + dy;
        if (ny < 0 || ny >= height_) continue;
        for (int dx = -1; dx <= 1; ++dx) {
          const int nx = x + dx;
          if (nx < 0 || nx >= width_) continue;
          const std::size_t j = static_cast<std::size_t>(ny) * static_cast<std::size_t>(width_) + static_cast<std::size_t>(nx);
          if (bitmap_[j] != 1) continue;
          bitmap_[j] = 2;
          stack_.push_back(j);
        }
      }
    }
  }

  void Extend(int x, int y) {
    const std::size_t r = static_cast<std::size_t>(y);
    if (row_region_[r] != region_) {
      row_region_[r] = region_;
      rows_.push_back(y);
      row_min_[r] = row_max_[r] = x;
      return;
    }
    row_min_[r] = std::min(row_min_[r], x);
    row_max_[r] = std::max(row_max_[r], x);
  }

  std::vector<std::uint8_t>& bitmap_;
  const float* prob_;
  double sum_ = 0;
  std::size_t pixels_ = 0;
  int width_, height_;
  std::size_t next_ = 0;
  int region_ = 0;  // regions found so far; row_region_ says which region last touched a row
  std::vector<int> row_min_, row_max_, row_region_, rows_;
  std::vector<std::size_t> stack_;
};

}  // namespace

std::vector<DbBox> DbBoxes(const float* prob, int width, int height, const DbOptions& options) {
  std::vector<DbBox> boxes;
  if (width <= 0 || height <= 0) return boxes;
  std::vector<std::uint8_t> bitmap(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
  for (std::size_t i = 0; i < bitmap.size(); ++i) bitmap[i] = prob[i] > options.threshold ? 1 : 0;
  RegionScanner scanner(bitmap, prob, width, height);
  float region_mean = 0;
  std::vector<Point2> points;
  for (int candidate = 0; candidate < options.max_candidates && scanner.Next(points, region_mean); ++candidate) {
    const Quad rect = MinAreaRect(points);
    if (ShortSide(rect) < options.min_size) continue;
    const float score = options.region_score ? region_mean : MeanInside(prob, width, height, rect);
    if (score < options.box_threshold) continue;
    const Quad grown = UnclipRect(rect, options.unclip_ratio);
    if (ShortSide(grown) < options.min_size + 2) continue;
    boxes.push_back({grown, score});
  }
  return boxes;
}

}  // namespace prep360
