#include "prep360/detect/yolo_postprocess.h"

#include <limits>
#include <vector>

#include <gtest/gtest.h>

namespace prep360 {
namespace {

// A 32x32 image seen by a 16x16 model (scale 0.5, no pad) with 4x4 prototypes: one prototype cell
// = 4 model pixels = 8 image pixels.
struct SegFixture {
  static constexpr int kClasses = 2, kCoeffs = 2, kAnchors = 3;
  std::vector<float> det = std::vector<float>((4 + kClasses + kCoeffs) * kAnchors, 0.0f);
  std::vector<float> protos = std::vector<float>(kCoeffs * 16, 0.0f);
  ModelLayout layout;
  Letterbox plan = PlanLetterbox(32, 32, 16, 16);

  SegFixture() {
    layout.kind = AdapterKind::kYoloSeg;
    layout.num_classes = kClasses;
    layout.num_coeffs = kCoeffs;
    // Prototype 0: +1 in prototype column 1, -1 elsewhere. Prototype 1: all +5 (coefficient 0 below).
    for (int y = 0; y < 4; ++y)
      for (int x = 0; x < 4; ++x) {
        protos[y * 4 + x] = x == 1 ? 1.0f : -1.0f;
        protos[16 + y * 4 + x] = 5.0f;
      }
    // Anchor 0: box (4,4)-(12,12) in the model = (8,8)-(24,24) in the image, class 0, 0.9.
    Set(0, 8, 8, 8, 8, 0, 0.9f, {1.0f, 0.0f});
    // Anchor 1: class 1 at 0.2 (below conf).
    Set(1, 8, 8, 4, 4, 1, 0.2f, {1.0f, 0.0f});
    // Anchor 2: class 1 at 0.9, a different place (0,0)-(4,4) model.
    Set(2, 2, 2, 4, 4, 1, 0.9f, {0.0f, 1.0f});
  }
  void Set(int a, float cx, float cy, float w, float h, int cls, float score, std::vector<float> coeffs) {
    auto at = [&](int c) -> float& { return det[static_cast<std::size_t>(c * kAnchors + a)]; };
    at(0) = cx;
    at(1) = cy;
    at(2) = w;
    at(3) = h;
    at(4 + cls) = score;
    for (int k = 0; k < kCoeffs; ++k) at(4 + kClasses + k) = coeffs[static_cast<std::size_t>(k)];
  }
  SegmentResult Run(const PostprocessOptions& options) const {
    YoloOutputs out;
    out.detections = det.data();
    out.channels = 4 + kClasses + kCoeffs;
    out.anchors = kAnchors;
    out.protos = protos.data();
    out.proto_height = 4;
    out.proto_width = 4;
    return PostprocessYolo(layout, out, plan, options);
  }
};

int CountSetIn(const Image& mask, int x0, int y0, int x1, int y1) {
  int n = 0;
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) n += mask.At(x, y, 0) == 255 ? 1 : 0;
  return n;
}

TEST(YoloPostprocessTest, MaskIsLogitAboveZeroCroppedToTheBox) {
  SegFixture f;
  PostprocessOptions options;
  options.classes = {0};
  const SegmentResult r = f.Run(options);
  ASSERT_EQ(r.detections.size(), 1u);
  const Detection& d = r.detections[0];
  EXPECT_FLOAT_EQ(d.x0, 8);
  EXPECT_FLOAT_EQ(d.y0, 8);
  EXPECT_FLOAT_EQ(d.x1, 24);
  EXPECT_FLOAT_EQ(d.y1, 24);
  EXPECT_EQ(d.class_id, 0);
  ASSERT_EQ(r.mask.width(), 32);
  ASSERT_EQ(r.mask.height(), 32);
  // Logit along x: +1 at image x 12 (prototype column 1's centre), -1 at 4 and 20: zero at 8 and 16.
  // So the set pixels are x 8..15 (inside the box's x 8..23), rows 8..23: 128 pixels.
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 128);
  EXPECT_EQ(CountSetIn(r.mask, 8, 8, 16, 24), 128);
  // The prototype is positive in column 1 on every row, but rows outside the box stay clear.
  EXPECT_EQ(r.mask.At(12, 4, 0), 0u);
  EXPECT_EQ(r.mask.At(12, 28, 0), 0u);
}

TEST(YoloPostprocessTest, NegativeCoefficientFlipsTheMaskInsideTheBox) {
  SegFixture f;
  f.Set(0, 8, 8, 8, 8, 0, 0.9f, {-1.0f, 0.0f});
  PostprocessOptions options;
  options.classes = {0};
  const SegmentResult r = f.Run(options);
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 128);
  EXPECT_EQ(CountSetIn(r.mask, 16, 8, 24, 24), 128);
}

TEST(YoloPostprocessTest, ConfidenceAndClassSelection) {
  SegFixture f;
  PostprocessOptions options;
  options.classes = {1};
  SegmentResult r = f.Run(options);  // anchor 1 (0.2) is below conf, anchor 2 is kept
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_EQ(r.detections[0].class_id, 1);
  EXPECT_FLOAT_EQ(r.detections[0].x1, 8);
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 64);  // prototype 1 is +5 everywhere: the whole box
  options.conf = 0.1f;
  r = f.Run(options);
  EXPECT_EQ(r.detections.size(), 2u);
  options.classes = {0, 1};
  options.conf = 0.25f;
  r = f.Run(options);
  EXPECT_EQ(r.detections.size(), 2u);
  EXPECT_FLOAT_EQ(r.detections[0].score, 0.9f);
  options.classes = {};
  EXPECT_TRUE(f.Run(options).detections.empty());
}

TEST(YoloPostprocessTest, MinAreaDropsSmallInstances) {
  SegFixture f;
  PostprocessOptions options;
  options.classes = {0};
  options.min_area = 128;
  EXPECT_EQ(f.Run(options).detections.size(), 1u);
  options.min_area = 129;
  const SegmentResult r = f.Run(options);
  EXPECT_TRUE(r.detections.empty());
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 0);
}

TEST(YoloPostprocessTest, NmsKeepsTheBestOfOverlappingSameClassBoxes) {
  SegFixture f;
  f.Set(1, 8.5f, 8, 8, 8, 0, 0.8f, {1.0f, 0.0f});  // nearly the same box as anchor 0
  PostprocessOptions options;
  options.classes = {0};
  SegmentResult r = f.Run(options);
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_FLOAT_EQ(r.detections[0].score, 0.9f);
  options.iou = 0.95f;
  r = f.Run(options);
  EXPECT_EQ(r.detections.size(), 2u);
}

TEST(YoloPostprocessTest, DetectionFillsBoxesWithLetterboxMapping) {
  // 64x32 image into a 32x32 model: scale 0.5, pad_y 8.
  const Letterbox plan = PlanLetterbox(64, 32, 32, 32);
  ASSERT_EQ(plan.pad_y, 8);
  ModelLayout layout;
  layout.kind = AdapterKind::kYoloDet;
  layout.num_classes = 1;
  // One anchor: model box (10,12)-(20,20) -> image (20,8)-(40,24).
  const std::vector<float> det = {15, 16, 10, 8, 0.5f};
  YoloOutputs out;
  out.detections = det.data();
  out.channels = 5;
  out.anchors = 1;
  PostprocessOptions options;
  options.classes = {0};
  const SegmentResult r = PostprocessYolo(layout, out, plan, options);
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_FLOAT_EQ(r.detections[0].x0, 20);
  EXPECT_FLOAT_EQ(r.detections[0].y0, 8);
  EXPECT_FLOAT_EQ(r.detections[0].x1, 40);
  EXPECT_FLOAT_EQ(r.detections[0].y1, 24);
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 64, 32), 20 * 16);
  EXPECT_EQ(CountSetIn(r.mask, 20, 8, 40, 24), 20 * 16);
}

TEST(YoloPostprocessTest, NmsFreeRowsAndClipping) {
  const Letterbox plan = PlanLetterbox(32, 32, 32, 32);
  ModelLayout layout;
  layout.kind = AdapterKind::kYoloDetNmsFree;
  layout.num_classes = 0;
  const std::vector<float> det = {
      -4, -4, 8, 8, 0.9f, 2,     // clipped to (0,0)-(8,8)
      16, 16, 24, 24, 0.9f, 1,   // class 1: not selected
      20, 0, 30, 4, 0.1f, 2,     // below conf
  };
  YoloOutputs out;
  out.detections = det.data();
  out.channels = 6;
  out.anchors = 3;
  PostprocessOptions options;
  options.classes = {2};
  const SegmentResult r = PostprocessYolo(layout, out, plan, options);
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_FLOAT_EQ(r.detections[0].x0, 0);
  EXPECT_FLOAT_EQ(r.detections[0].x1, 8);
  EXPECT_EQ(r.detections[0].class_id, 2);
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 64);
}

// Found by fuzz/yolo_postprocess_fuzzer: a NaN or infinite coordinate (a broken model) reached an
// int conversion (undefined behaviour) and could yield a detection with a NaN corner.
TEST(YoloPostprocessTest, NonFiniteBoxesAreDropped) {
  const Letterbox plan = PlanLetterbox(32, 32, 32, 32);
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  ModelLayout nms_free;
  nms_free.kind = AdapterKind::kYoloDetNmsFree;
  const std::vector<float> rows = {
      nan, 4, 8, 8, 0.9f, 0,   // NaN x0
      4, 4, inf, 8, 0.9f, 0,   // infinite x1
      16, 16, 24, 24, 0.8f, 0, // kept
  };
  YoloOutputs out;
  out.detections = rows.data();
  out.channels = 6;
  out.anchors = 3;
  PostprocessOptions options;
  options.classes = {0};
  SegmentResult r = PostprocessYolo(nms_free, out, plan, options);
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_FLOAT_EQ(r.detections[0].x0, 16);
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 64);

  ModelLayout det;
  det.kind = AdapterKind::kYoloDet;
  det.num_classes = 1;
  // Columns: anchor 0 has cx NaN, anchor 1 an infinite width (cx - w/2 is -inf), anchor 2 is fine.
  const std::vector<float> columns = {nan, 8, 20, 8, 8, 20, 4, inf, 8, 4, 4, 8, 0.9f, 0.9f, 0.8f};
  out.detections = columns.data();
  out.channels = 5;
  r = PostprocessYolo(det, out, plan, options);
  ASSERT_EQ(r.detections.size(), 1u);
  EXPECT_FLOAT_EQ(r.detections[0].x0, 16);
  EXPECT_EQ(CountSetIn(r.mask, 0, 0, 32, 32), 64);
}

}  // namespace
}  // namespace prep360
