#pragma once
// Decodes one image's YOLO outputs into detections and one union mask at the image's resolution.
//  1. candidates: the best *selected* class per anchor, kept when its score > conf;
//  2. class-aware NMS (not for NMS-free outputs, which are already de-duplicated), at most max_det;
//  3. boxes mapped back through the letterbox and clipped to the image;
//  4. masks (segmentation): for every image pixel whose centre lies in the box, the pixel centre is
//     mapped to prototype coordinates and the logit coeffs . protos is sampled bilinearly; the pixel
//     is set when the logit > 0 (sigmoid > 0.5). The logit is evaluated on the prototype cells under
//     the box only, so the cost is proportional to the box area. Detection models fill the box.
//  5. instances whose mask (or box) covers fewer than min_area image pixels are dropped.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "prep360/detect/detect_types.h"
#include "prep360/detect/letterbox.h"
#include "prep360/detect/model_adapter.h"

namespace prep360 {

// One image's slice of the model outputs.
struct YoloOutputs {
  const float* detections = nullptr;
  // yolo-seg / yolo-det: [channels, anchors]; NMS-free: [anchors rows, channels values each].
  std::int64_t channels = 0, anchors = 0;
  const float* protos = nullptr;  // [num_coeffs, proto_height, proto_width]
  int proto_height = 0, proto_width = 0;
};

// The thresholds of DetectSettings as the hot loop reads them (defaults: DetectSettings's).
struct PostprocessOptions {
  float conf = static_cast<float>(DetectSettings{}.conf);
  float iou = static_cast<float>(DetectSettings{}.iou);
  std::int64_t min_area = DetectSettings{}.min_area;
  std::size_t max_det = static_cast<std::size_t>(DetectSettings{}.max_det);
  std::vector<int> classes;  // the selected class ids
};

SegmentResult PostprocessYolo(const ModelLayout& layout, const YoloOutputs& outputs, const Letterbox& plan,
                              const PostprocessOptions& options);

}  // namespace prep360
