#pragma once
// The byte layout yolo_postprocess_fuzzer reads (and make_fuzz_seeds writes): a 17-byte header
// choosing a small, consistent model layout, letterbox and options, then little-endian float32
// tensor values: the detections [channels x anchors], the prototypes [coeffs x ph x pw], and
// then any number of extra NMS boxes (6 floats each: x0 y0 x1 y1 score class). Values missing
// at the end of the input are 0. Every size is small, so one input runs in well under a millisecond.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

#include "detect_headers.h"

namespace prep360::fuzz {

// Header bytes, in order.
struct YoloHeader {
  std::uint8_t kind;        // % 4: AdapterKind
  std::uint8_t classes;     // % 8 (+1 for the yolo-seg/yolo-det layouts): num_classes
  std::uint8_t coeffs;      // % 5, masks only: num_coeffs (prototype planes)
  std::uint8_t anchors;     // % 33: anchors (columns) or rows (NMS-free)
  std::uint8_t proto_h, proto_w;    // 1 + % 16
  std::uint8_t source_w, source_h;  // 1 + % 96: the image
  std::uint8_t target_w, target_h;  // 1 + % 96: the model input (PlanLetterbox)
  std::uint8_t extra_pad;   // low / high nibble: target grown by CentreInTarget
  std::uint8_t conf;        // / 255
  std::uint8_t iou;         // / 255
  std::uint8_t max_det;     // % 40
  std::uint8_t min_area;    // pixels
  std::uint8_t class_bits;  // bit i: class i selected (i < 8)
  std::uint8_t flags;       // bit0: also select -1; bit1: num_classes; bit2: 1000; bit3: no protos
};
inline constexpr std::size_t kYoloHeaderBytes = sizeof(YoloHeader);
static_assert(kYoloHeaderBytes == 17);

struct YoloCase {
  ModelLayout layout;
  Letterbox plan;
  PostprocessOptions options;
  std::vector<float> detections, protos;
  YoloOutputs outputs;  // points into detections / protos
  std::vector<NmsBox> nms_boxes;
};

// Reads float32 values from `data` (zeros past the end).
class FloatReader {
 public:
  FloatReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  float Next() {
    float v = 0;
    if (pos_ + 4 <= size_) std::memcpy(&v, data_ + pos_, 4);
    pos_ += 4;
    return v;
  }
  bool done() const { return pos_ >= size_; }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

// False when the input is shorter than the header.
inline bool DecodeYoloCase(const std::uint8_t* data, std::size_t size, YoloCase& c) {
  if (size < kYoloHeaderBytes) return false;
  YoloHeader h;
  std::memcpy(&h, data, kYoloHeaderBytes);
  ModelLayout& layout = c.layout;
  layout.kind = static_cast<AdapterKind>(h.kind % 4);
  layout.num_classes = layout.nms_free() ? h.classes % 8 : 1 + h.classes % 8;
  layout.num_coeffs = layout.has_masks() ? h.coeffs % 5 : 0;
  if (layout.has_masks()) layout.protos_output = "protos";
  c.plan = PlanLetterbox(1 + h.source_w % 96, 1 + h.source_h % 96, 1 + h.target_w % 96, 1 + h.target_h % 96);
  c.plan = CentreInTarget(c.plan, c.plan.target_width + (h.extra_pad & 15), c.plan.target_height + (h.extra_pad >> 4));
  PostprocessOptions& o = c.options;
  o.conf = static_cast<float>(h.conf) / 255.0f;
  o.iou = static_cast<float>(h.iou) / 255.0f;
  o.max_det = h.max_det % 40;
  o.min_area = h.min_area;
  for (int i = 0; i < 8; ++i) {
    if ((h.class_bits >> i) & 1) o.classes.push_back(i);
  }
  if (h.flags & 1) o.classes.push_back(-1);
  if (h.flags & 2) o.classes.push_back(layout.num_classes);
  if (h.flags & 4) o.classes.push_back(1000);

  YoloOutputs& out = c.outputs;
  out.anchors = h.anchors % 33;
  out.channels = layout.nms_free() ? 6 + layout.num_coeffs : 4 + layout.num_classes + layout.num_coeffs;
  FloatReader floats(data + kYoloHeaderBytes, size - kYoloHeaderBytes);
  c.detections.resize(static_cast<std::size_t>(out.channels * out.anchors));
  for (float& v : c.detections) v = floats.Next();
  out.detections = c.detections.data();
  if (layout.has_masks() && !(h.flags & 8)) {
    out.proto_height = 1 + h.proto_h % 16;
    out.proto_width = 1 + h.proto_w % 16;
    c.protos.resize(static_cast<std::size_t>(layout.num_coeffs * out.proto_height * out.proto_width));
    for (float& v : c.protos) v = floats.Next();
    out.protos = c.protos.data();
  }
  while (!floats.done() && c.nms_boxes.size() < 64) {
    NmsBox b;
    b.x0 = floats.Next();
    b.y0 = floats.Next();
    b.x1 = floats.Next();
    b.y1 = floats.Next();
    b.score = floats.Next();
    const float cls = floats.Next();
    b.class_id = cls >= -4.0f && cls <= 4.0f ? static_cast<int>(cls) : -4;  // a few classes
    c.nms_boxes.push_back(b);
  }
  return true;
}

}  // namespace prep360::fuzz
