#pragma once
// Weighted non-maximum suppression (MediaPipe's "WEIGHTED" overlap handling): boxes are visited by
// descending score; every not-yet-used box overlapping the best remaining one by IoU >= threshold
// joins its cluster, and the cluster becomes one box whose corners are the score-weighted mean of
// its members and whose score is the best member's. Steadier than greedy NMS for detectors that
// fire on many neighbouring anchors (BlazeFace).
#include <vector>

#include "prep360/detect/nms.h"

namespace prep360 {

// class_id is ignored (one class). The result is ordered by descending score.
std::vector<NmsBox> WeightedNms(const std::vector<NmsBox>& boxes, float iou_threshold);

}  // namespace prep360
