#include "prep360/detect/weighted_nms.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace prep360 {

std::vector<NmsBox> WeightedNms(const std::vector<NmsBox>& boxes, float iou_threshold) {
  std::vector<std::size_t> order(boxes.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const bool na = std::isnan(boxes[a].score), nb = std::isnan(boxes[b].score);
    if (na != nb) return nb;
    return boxes[a].score > boxes[b].score;
  });
  std::vector<bool> used(boxes.size(), false);
  std::vector<NmsBox> out;
  for (std::size_t oi = 0; oi < order.size(); ++oi) {
    const std::size_t i = order[oi];
    if (used[i] || !(boxes[i].score > 0)) continue;
    double w = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    for (std::size_t oj = oi; oj < order.size(); ++oj) {
      const std::size_t j = order[oj];
      if (used[j] || !(boxes[j].score > 0)) continue;
      if (j != i && BoxIoU(boxes[i], boxes[j]) < iou_threshold) continue;
      used[j] = true;
      const double s = boxes[j].score;
      w += s;
      x0 += s * boxes[j].x0, y0 += s * boxes[j].y0, x1 += s * boxes[j].x1, y1 += s * boxes[j].y1;
    }
    NmsBox merged = boxes[i];
    merged.x0 = static_cast<float>(x0 / w), merged.y0 = static_cast<float>(y0 / w);
    merged.x1 = static_cast<float>(x1 / w), merged.y1 = static_cast<float>(y1 / w);
    out.push_back(merged);
  }
  return out;
}

}  // namespace prep360
