// libFuzzer target: YOLO output post-processing (PostprocessYolo) and class-aware NMS on arbitrary
// tensor values (NaN and infinities included) for small consistent layouts (yolo_fuzz_input.h).
// Besides sanitizer findings, it aborts when a result breaks the documented contract.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "detect_headers.h"
#include "yolo_fuzz_input.h"

namespace {

void Check(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "yolo_postprocess_fuzzer: contract broken: %s\n", what);
  std::abort();
}

void CheckResult(const prep360::fuzz::YoloCase& c, const prep360::SegmentResult& r) {
  const prep360::Letterbox& plan = c.plan;
  Check(r.mask.width() == plan.source_width && r.mask.height() == plan.source_height, "mask size");
  Check(r.mask.channels() == 1 && r.mask.bytes_per_sample() == 1, "mask format");
  for (int y = 0; y < r.mask.height(); ++y) {
    for (int x = 0; x < r.mask.width(); ++x) Check(r.mask.Row(y)[x] == 0 || r.mask.Row(y)[x] == 255, "mask values");
  }
  Check(r.detections.size() <= c.options.max_det, "more than max_det detections");
  for (const prep360::Detection& d : r.detections) {
    Check(d.x0 >= 0 && d.x0 <= d.x1 && d.x1 <= static_cast<float>(plan.source_width), "box x in the image");
    Check(d.y0 >= 0 && d.y0 <= d.y1 && d.y1 <= static_cast<float>(plan.source_height), "box y in the image");
    Check(d.score > c.options.conf, "score above conf");
    bool selected = false;
    for (const int id : c.options.classes) selected = selected || id == d.class_id;
    Check(selected, "class selected");
  }
}

void CheckNms(const std::vector<prep360::NmsBox>& boxes, float iou, std::size_t max_keep) {
  const std::vector<std::size_t> kept = prep360::ClassAwareNms(boxes, iou, max_keep);
  Check(kept.size() <= max_keep && kept.size() <= boxes.size(), "NMS keeps at most max_keep");
  std::vector<bool> seen(boxes.size(), false);
  for (const std::size_t k : kept) {
    Check(k < boxes.size() && !seen[k], "NMS indices valid and unique");
    seen[k] = true;
  }
  auto rank = [&](std::size_t i) { return std::isnan(boxes[i].score) ? -INFINITY : boxes[i].score; };
  for (std::size_t i = 1; i < kept.size(); ++i) Check(rank(kept[i - 1]) >= rank(kept[i]), "NMS order by score");
  for (std::size_t i = 0; i < boxes.size(); ++i) {
    for (std::size_t j = 0; j < boxes.size(); ++j) {
      const float v = prep360::BoxIoU(boxes[i], boxes[j]);
      Check(std::isnan(v) || (v >= 0.0f && v <= 1.0f), "IoU in [0, 1]");
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  prep360::fuzz::YoloCase c;
  if (!prep360::fuzz::DecodeYoloCase(data, size, c)) return 0;
  const prep360::SegmentResult result = prep360::PostprocessYolo(c.layout, c.outputs, c.plan, c.options);
  CheckResult(c, result);
  CheckNms(c.nms_boxes, c.options.iou, c.options.max_det);
  return 0;
}
