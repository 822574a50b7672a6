#include "prep360/mask/yolo_postprocess.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "prep360/mask/nms.h"
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

}  // namespace

SegmentResult PostprocessYolo(const ModelLayout& layout, const YoloOutputs& outputs, const Letterbox& plan,
                              const PostprocessOptions& options) {
  SegmentResult result;
  result.mask = Image(plan.source_width, plan.source_height, 1, 1);
  for (int y = 0; y < plan.source_height; ++y) {  // Image::Fill goes pixel by pixel
    std::memset(result.mask.Row(y), 0, static_cast<std::size_t>(plan.source_width));
  }

  const std::int64_t n = outputs.anchors;
  const float* det = outputs.detections;
  std::vector<Candidate> candidates;
  if (!layout.nms_free()) {
    // Best selected class per anchor.
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
  } else {
    std::vector<char> selected;
    for (const int c : options.classes) {
      if (c < 0) continue;
      if (static_cast<std::size_t>(c) >= selected.size()) selected.resize(static_cast<std::size_t>(c) + 1, 0);
      selected[static_cast<std::size_t>(c)] = 1;
    }
    for (std::int64_t a = 0; a < n; ++a) {
      const float* row = det + a * outputs.channels;
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
  }

  std::vector<std::size_t> keep;
  if (layout.nms_free()) {
    std::vector<NmsBox> boxes;
    for (const Candidate& c : candidates) boxes.push_back(c.box);
    keep = ClassAwareNms(boxes, 2.0f, options.max_det);  // IoU never exceeds 2: ordering + cap only
  } else {
    std::vector<NmsBox> boxes;
    boxes.reserve(candidates.size());
    for (const Candidate& c : candidates) boxes.push_back(c.box);
    keep = ClassAwareNms(boxes, options.iou, options.max_det);
  }

  const int width = plan.source_width, height = plan.source_height;
  const bool masks = layout.has_masks() && outputs.protos != nullptr;
  const int p = layout.num_coeffs;
  const std::size_t proto_plane = static_cast<std::size_t>(outputs.proto_height) * static_cast<std::size_t>(outputs.proto_width);
  std::vector<float> coeffs(static_cast<std::size_t>(std::max(p, 0)));
  std::vector<float> logits;
  std::vector<std::uint8_t> instance;

  for (const std::size_t k : keep) {
    const Candidate& cand = candidates[k];
    Detection d;
    d.x0 = static_cast<float>(std::clamp(plan.ToImageX(cand.box.x0), 0.0, static_cast<double>(width)));
    d.x1 = static_cast<float>(std::clamp(plan.ToImageX(cand.box.x1), 0.0, static_cast<double>(width)));
    d.y0 = static_cast<float>(std::clamp(plan.ToImageY(cand.box.y0), 0.0, static_cast<double>(height)));
    d.y1 = static_cast<float>(std::clamp(plan.ToImageY(cand.box.y1), 0.0, static_cast<double>(height)));
    d.score = cand.box.score;
    d.class_id = cand.box.class_id;
    int x_first, x_end, y_first, y_end;
    PixelRange(d.x0, d.x1, width, x_first, x_end);
    PixelRange(d.y0, d.y1, height, y_first, y_end);
    const int bw = x_end - x_first, bh = y_end - y_first;
    if (bw <= 0 || bh <= 0) continue;

    if (!masks) {
      const std::int64_t area = static_cast<std::int64_t>(bw) * bh;
      if (area < options.min_area) continue;
      for (int y = y_first; y < y_end; ++y) std::memset(result.mask.Row(y) + x_first, 255, static_cast<std::size_t>(bw));
      result.detections.push_back(d);
      continue;
    }

    // Mask coefficients of this instance.
    for (int c = 0; c < p; ++c) {
      coeffs[static_cast<std::size_t>(c)] =
          layout.nms_free() ? det[cand.anchor * outputs.channels + 6 + c]
                            : det[static_cast<std::int64_t>(4 + layout.num_classes + c) * n + cand.anchor];
    }
    const double proto_x = static_cast<double>(outputs.proto_width) / plan.target_width;
    const double proto_y = static_cast<double>(outputs.proto_height) / plan.target_height;
    int px_lo, px_hi, py_lo, py_hi;
    const std::vector<Tap> xt = ProtoTaps(x_first, x_end, plan.scale_x, plan.pad_x, proto_x, outputs.proto_width, px_lo, px_hi);
    const std::vector<Tap> yt = ProtoTaps(y_first, y_end, plan.scale_y, plan.pad_y, proto_y, outputs.proto_height, py_lo, py_hi);
    const int rw = px_hi - px_lo + 1, rh = py_hi - py_lo + 1;
    // Logits on the prototype cells under the box.
    logits.assign(static_cast<std::size_t>(rw) * static_cast<std::size_t>(rh), 0.0f);
    for (int c = 0; c < p; ++c) {
      const float coeff = coeffs[static_cast<std::size_t>(c)];
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
    instance.assign(static_cast<std::size_t>(bw) * static_cast<std::size_t>(bh), 0);
    std::int64_t area = 0;
    for (int y = 0; y < bh; ++y) {
      const Tap& ty = yt[static_cast<std::size_t>(y)];
      const float* r0 = logits.data() + static_cast<std::size_t>(ty.i0) * static_cast<std::size_t>(rw);
      const float* r1 = logits.data() + static_cast<std::size_t>(ty.i1) * static_cast<std::size_t>(rw);
      std::uint8_t* out = instance.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bw);
      for (int x = 0; x < bw; ++x) {
        const Tap& tx = xt[static_cast<std::size_t>(x)];
        const float top = r0[tx.i0] + (r0[tx.i1] - r0[tx.i0]) * tx.w1;
        const float bottom = r1[tx.i0] + (r1[tx.i1] - r1[tx.i0]) * tx.w1;
        const bool set = top + (bottom - top) * ty.w1 > 0.0f;
        out[x] = set ? 255 : 0;
        area += set ? 1 : 0;
      }
    }
    if (area == 0 || area < options.min_area) continue;
    for (int y = 0; y < bh; ++y) {
      std::uint8_t* dst = result.mask.Row(y_first + y) + x_first;
      const std::uint8_t* src = instance.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bw);
      for (int x = 0; x < bw; ++x) dst[x] = std::max(dst[x], src[x]);
    }
    result.detections.push_back(d);
  }
  return result;
}

}  // namespace prep360
