#include "prep360/detect/nms.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace prep360 {

namespace {

bool FiniteCorners(const NmsBox& b) {
  return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1);
}

// The sort key: NaN scores rank below every number (a NaN in a comparison is no strict weak order).
float RankScore(float score) { return std::isnan(score) ? -std::numeric_limits<float>::infinity() : score; }

}  // namespace

float BoxIoU(const NmsBox& a, const NmsBox& b) {
  if (!FiniteCorners(a) || !FiniteCorners(b)) return 0.0f;
  const float iw = std::min(a.x1, b.x1) - std::max(a.x0, b.x0);
  const float ih = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  if (iw <= 0 || ih <= 0) return 0.0f;
  const float inter = iw * ih;
  const float area_a = std::max(0.0f, a.x1 - a.x0) * std::max(0.0f, a.y1 - a.y0);
  const float area_b = std::max(0.0f, b.x1 - b.x0) * std::max(0.0f, b.y1 - b.y0);
  const float uni = area_a + area_b - inter;
  return uni > 0 ? inter / uni : 0.0f;
}

std::vector<std::size_t> ClassAwareNms(const std::vector<NmsBox>& boxes, float iou_threshold, std::size_t max_keep) {
  std::vector<std::size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return RankScore(boxes[a].score) > RankScore(boxes[b].score); });
  std::vector<std::size_t> kept;
  for (const std::size_t i : order) {
    if (kept.size() >= max_keep) break;
    bool suppressed = false;
    for (const std::size_t k : kept) {
      if (boxes[k].class_id == boxes[i].class_id && BoxIoU(boxes[k], boxes[i]) > iou_threshold) {
        suppressed = true;
        break;
      }
    }
    if (!suppressed) kept.push_back(i);
  }
  return kept;
}

}  // namespace prep360
