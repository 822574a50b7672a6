#pragma once
// Greedy class-aware non-maximum suppression: boxes are visited by descending score and a box is
// dropped when it overlaps an already kept box of the same class by IoU > iou_threshold.
#include <cstddef>
#include <vector>

namespace prep360 {

struct NmsBox {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float score = 0;
  int class_id = 0;
};

// In [0, 1]; 0 when a corner of either box is NaN or infinite.
float BoxIoU(const NmsBox& a, const NmsBox& b);

// Indices of the kept boxes, by descending score (ties: lower index first; NaN scores last), at
// most max_keep.
std::vector<std::size_t> ClassAwareNms(const std::vector<NmsBox>& boxes, float iou_threshold, std::size_t max_keep = 300);

}  // namespace prep360
