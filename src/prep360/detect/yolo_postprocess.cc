#include "prep360/detect/yolo_postprocess.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "prep360/detect/nms.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

struct Candidate {
  NmsBox box;            // letterboxed input pixels
  std::int64_t anchor;  // column (regular) or row (NMS-free) of the output
};

// A broken model (or export) may output NaN or infinite coordinates: such boxes are no detection.
bool FiniteBox(const NmsBox& b) {
  return std::isfinite(b.x0) && std::isfinite(b.y0) && std::isfinite(b.x1) && std::isfinite(b.y1);
}

// Pixels whose centre lies in [lo, hi): i in [ceil(lo - 0.5), ceil(hi - 0.5)), clamped.
void PixelRange(double lo, double hi, int size, int& first, int& end) {
  first = std::clamp(static_cast<int>(std::ceil(lo - 0.5)), 0, size);
  end = std::clamp(static_cast<int>(std::ceil(hi - 0.5)), first, size);
}

struct Tap {
  int i0, i1;
  float w1;
};

// Bilinear taps (relative to `base`) of the prototype cells under image pixels [first, end).
std::vector<Tap> ProtoTaps(int first, int end, double scale, double pad, double proto_per_model, int proto_size,
                           int& lo, int& hi) {
  std::vector<Tap> taps(static_cast<std::size_t>(end - first));
  lo = proto_size;
  hi = -1;
  for (int i = first; i < end; ++i) {
    double p = ((i + 0.5) * scale + pad) * proto_per_model - 0.5;
    p = std::clamp(p, 0.0, static_cast<double>(proto_size - 1));
    const int i0 = std::min(static_cast<int>(p), proto_size - 1);
    const int i1 = std::min(i0 + 1, proto_size - 1);
    taps[static_cast<std::size_t>(i - first)] = {i0, i1, static_cast<float>(p - i0)};
    lo = std::min(lo, i0);
    hi = std::max(hi, i1);
  }
  for (Tap& t : taps) {
    t.i0 -= lo;
    t.i1 -= lo;
  }
  return taps;
}

// Best selected class per anchor, kept when its score > conf ([channels, anchors] layout).
std::vector<Candidate> AnchorCandidates(const ModelLayout& layout, const YoloOutputs& outputs,
                                        const PostprocessOptions& options) {
  const std::int64_t n = outputs.anchors;
  const float* det = outputs.detections;
  std::vector<Candidate> candidates;
  std::vector<float> best(static_cast<std::size_t>(n), -1.0f);
  std::vector<int> best_class(static_cast<std::size_t>(n), -1);
  for (const int c : options.classes) {
    if (c < 0 || c >= layout.num_classes) continue;
    const float* row = det + static_cast<std::ptrdiff_t>(4 + c) * n;
    for (std::int64_t a = 0; a < n; ++a) {
      if (row[a] > best[static_cast<std::size_t>(a)]) {
        best[static_cast<std::size_t>(a)] = row[a];
        best_class[static_cast<std::size_t>(a)] = c;
      }
    }
  }
  for (std::int64_t a = 0; a < n; ++a) {
    const float score = best[static_cast<std::size_t>(a)];
    if (!(score > options.conf)) continue;
    const float cx = det[a], cy = det[n + a], w = det[2 * n + a], h = det[3 * n + a];
    Candidate cand;
    cand.box = {cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, best_class[static_cast<std::size_t>(a)]};
    cand.anchor = a;
    if (FiniteBox(cand.box)) candidates.push_back(cand);
  }
  return candidates;
}

// Rows of selected classes with score > conf (NMS-free [anchors, channels] layout).
std::vector<Candidate> NmsFreeCandidates(const YoloOutputs& outputs, const PostprocessOptions& options) {
  std::vector<Candidate> candidates;
  std::vector<char> selected;
  for (const int c : options.classes) {
    if (c < 0) continue;
    if (static_cast<std::size_t>(c) >= selected.size()) selected.resize(static_cast<std::size_t>(c) + 1, 0);
    selected[static_cast<std::size_t>(c)] = 1;
  }
  for (std::int64_t a = 0; a < outputs.anchors; ++a) {
    const float* row = outputs.detections + a * outputs.channels;
    const float score = row[4];
    if (!(score > options.conf)) continue;
    const long cls = std::lround(row[5]);
    if (cls < 0 || static_cast<std::size_t>(cls) >= selected.size() || selected[static_cast<std::size_t>(cls)] == 0) {
      continue;
    }
    Candidate cand;
    cand.box = {row[0], row[1], row[2], row[3], score, static_cast<int>(cls)};
    cand.anchor = a;
    if (FiniteBox(cand.box)) candidates.push_back(cand);
  }
  return candidates;
}

// Buffers reused across the instances of one image.
struct InstanceScratch {
  std::vector<float> coeffs, logits;
  std::vector<std::uint8_t> instance;  // bw x bh, 255 = set
};

// Samples the instance's mask logit at every image pixel of the box [x_first, x_first + bw) x
// [y_first, y_first + bh) into scratch.instance; returns the number of pixels set.
std::int64_t SampleInstance(const ModelLayout& layout, const YoloOutputs& outputs, const Letterbox& plan,
                            const Candidate& cand, int x_first, int y_first, int bw, int bh,
                            InstanceScratch& scratch) {
  const int p = layout.num_coeffs;
  const std::int64_t n = outputs.anchors;
  const float* det = outputs.detections;
  const std::size_t proto_plane = static_cast<std::size_t>(outputs.proto_height) * static_cast<std::size_t>(outputs.proto_width);
  scratch.coeffs.resize(static_cast<std::size_t>(std::max(p, 0)));
  for (int c = 0; c < p; ++c) {
    scratch.coeffs[static_cast<std::size_t>(c)] =
        layout.nms_free() ? det[cand.anchor * outputs.channels + 6 + c]
                          : det[static_cast<std::int64_t>(4 + layout.num_classes + c) * n + cand.anchor];
  }
  const double proto_x = static_cast<double>(outputs.proto_width) / plan.target_width;
  const double proto_y = static_cast<double>(outputs.proto_height) / plan.target_height;
  int px_lo, px_hi, py_lo, py_hi;
  const std::vector<Tap> xt =
      ProtoTaps(x_first, x_first + bw, plan.scale_x, plan.pad_x, proto_x, outputs.proto_width, px_lo, px_hi);
  const std::vector<Tap> yt =
      ProtoTaps(y_first, y_first + bh, plan.scale_y, plan.pad_y, proto_y, outputs.proto_height, py_lo, py_hi);
  const int rw = px_hi - px_lo + 1, rh = py_hi - py_lo + 1;
  // Logits on the prototype cells under the box.
  std::vector<float>& logits = scratch.logits;
  logits.assign(static_cast<std::size_t>(rw) * static_cast<std::size_t>(rh), 0.0f);
  for (int c = 0; c < p; ++c) {
    const float coeff = scratch.coeffs[static_cast<std::size_t>(c)];
    if (coeff == 0.0f) continue;
    const float* plane = outputs.protos + static_cast<std::size_t>(c) * proto_plane;
    for (int y = 0; y < rh; ++y) {
      const float* src = plane + static_cast<std::size_t>(py_lo + y) * static_cast<std::size_t>(outputs.proto_width) +
                         static_cast<std::size_t>(px_lo);
      float* dst = logits.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(rw);
      for (int x = 0; x < rw; ++x) dst[x] += coeff * src[x];
    }
  }
  // Sample at every image pixel in the box.
  scratch.instance.assign(static_cast<std::size_t>(bw) * static_cast<std::size_t>(bh), 0);
  std::int64_t area = 0;
  for (int y = 0; y < bh; ++y) {
    const Tap& ty = yt[static_cast<std::size_t>(y)];
    const float* r0 = logits.data() + static_cast<std::size_t>(ty.i0) * static_cast<std::size_t>(rw);
    const float* r1 = logits.data() + static_cast<std::size_t>(ty.i1) * static_cast<std::size_t>(rw);
    std::uint8_t* out = scratch.instance.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bw);
    for (int x = 0; x < bw; ++x) {
      const Tap& tx = xt[static_cast<std::size_t>(x)];
      const float top = r0[tx.i0] + (r0[tx.i1] - r0[tx.i0]) * tx.w1;
      const float bottom = r1[tx.i0] + (r1[tx.i1] - r1[tx.i0]) * tx.w1;
      const bool set = top + (bottom - top) * ty.w1 > 0.0f;
      out[x] = set ? 255 : 0;
      area += set ? 1 : 0;
    }
  }
  return area;
}

// The candidate's box in image pixels, clipped.
Detection ToImageBox(const Candidate& cand, const Letterbox& plan) {
  const double width = plan.source_width, height = plan.source_height;
  Detection d;
  d.x0 = static_cast<float>(std::clamp(plan.ToImageX(cand.box.x0), 0.0, width));
  d.x1 = static_cast<float>(std::clamp(plan.ToImageX(cand.box.x1), 0.0, width));
  d.y0 = static_cast<float>(std::clamp(plan.ToImageY(cand.box.y0), 0.0, height));
  d.y1 = static_cast<float>(std::clamp(plan.ToImageY(cand.box.y1), 0.0, height));
  d.score = cand.box.score;
  d.class_id = cand.box.class_id;
  return d;
}

}  // namespace

SegmentResult PostprocessYolo(const ModelLayout& layout, const YoloOutputs& outputs, const Letterbox& plan,
                              const PostprocessOptions& options) {
  SegmentResult result;
  result.mask = Image(plan.source_width, plan.source_height, 1, 1);
  for (int y = 0; y < plan.source_height; ++y) {  // Image::Fill goes pixel by pixel
    std::memset(result.mask.Row(y), 0, static_cast<std::size_t>(plan.source_width));
  }
  const std::vector<Candidate> candidates =
      layout.nms_free() ? NmsFreeCandidates(outputs, options) : AnchorCandidates(layout, outputs, options);
  std::vector<NmsBox> boxes;
  boxes.reserve(candidates.size());
  for (const Candidate& c : candidates) boxes.push_back(c.box);
  // NMS-free outputs are already de-duplicated: an IoU threshold of 2 is never exceeded, so only
  // the ordering and the cap apply.
  const std::vector<std::size_t> keep = ClassAwareNms(boxes, layout.nms_free() ? 2.0f : options.iou, options.max_det);

  const bool masks = layout.has_masks() && outputs.protos != nullptr;
  InstanceScratch scratch;
  for (const std::size_t k : keep) {
    const Candidate& cand = candidates[k];
    const Detection d = ToImageBox(cand, plan);
    int x_first, x_end, y_first, y_end;
    PixelRange(d.x0, d.x1, plan.source_width, x_first, x_end);
    PixelRange(d.y0, d.y1, plan.source_height, y_first, y_end);
    const int bw = x_end - x_first, bh = y_end - y_first;
    if (bw <= 0 || bh <= 0) continue;
    if (!masks) {
      const std::int64_t area = static_cast<std::int64_t>(bw) * bh;
      if (area < options.min_area) continue;
      for (int y = y_first; y < y_end; ++y) std::memset(result.mask.Row(y) + x_first, 255, static_cast<std::size_t>(bw));
      result.detections.push_back(d);
      continue;
    }
    const std::int64_t area = SampleInstance(layout, outputs, plan, cand, x_first, y_first, bw, bh, scratch);
    if (area == 0 || area < options.min_area) continue;
    for (int y = 0; y < bh; ++y) {
      std::uint8_t* dst = result.mask.Row(y_first + y) + x_first;
      const std::uint8_t* src = scratch.instance.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bw);
      for (int x = 0; x < bw; ++x) dst[x] = std::max(dst[x], src[x]);
    }
    result.detections.push_back(d);
  }
  return result;
}

}  // namespace prep360
