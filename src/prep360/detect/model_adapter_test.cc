#include "prep360/detect/model_adapter.h"

#include <fstream>

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

const TensorDesc kImages{"images", {1, 3, 640, 640}};

TEST(ModelAdapterTest, ParsesUltralyticsNamesDict) {
  EXPECT_EQ(ParseNamesMetadata("{0: 'person', 1: 'bicycle', 2: 'traffic light'}"),
            (std::vector<std::string>{"person", "bicycle", "traffic light"}));
  EXPECT_EQ(ParseNamesMetadata("{1: \"o'neil\", 0: 'a\\'b'}"), (std::vector<std::string>{"a'b", "o'neil"}));
  EXPECT_EQ(ParseNamesMetadata("{0: 'x', 2: 'z'}"), (std::vector<std::string>{"x", "1", "z"}));
  EXPECT_EQ(ParseNamesMetadata("['a', 'b']"), (std::vector<std::string>{"a", "b"}));
  EXPECT_TRUE(ParseNamesMetadata("{}").empty());
  EXPECT_THROW(ParseNamesMetadata("person, bicycle"), Error);
  EXPECT_THROW(ParseNamesMetadata("{0: 'person'"), Error);
}

TEST(ModelAdapterTest, ReadsClassNamesFile) {
  testkit::TempDir dir;
  std::ofstream(dir / "names.txt") << "person\r\n  car \n\ndog\n\n";
  EXPECT_EQ(ReadClassNamesFile(dir / "names.txt"), (std::vector<std::string>{"person", "car", "2", "dog"}));
  EXPECT_THROW(ReadClassNamesFile(dir / "missing.txt"), Error);
}

TEST(ModelAdapterTest, ChoosesAdapterFromShapes) {
  ModelLayout seg = ChooseAdapter("m.onnx", kImages, {{"output0", {1, 116, 8400}}, {"output1", {1, 32, 160, 160}}});
  EXPECT_EQ(seg.kind, AdapterKind::kYoloSeg);
  EXPECT_EQ(seg.num_classes, 80);
  EXPECT_EQ(seg.num_coeffs, 32);
  EXPECT_EQ(seg.protos_output, "output1");
  // Output order does not matter; dynamic dims are fine.
  seg = ChooseAdapter("m.onnx", {"x", {-1, 3, -1, -1}}, {{"p", {-1, 32, -1, -1}}, {"d", {-1, 39, -1}}});
  EXPECT_EQ(seg.kind, AdapterKind::kYoloSeg);
  EXPECT_EQ(seg.num_classes, 3);
  EXPECT_EQ(seg.detections_output, "d");

  const ModelLayout det = ChooseAdapter("m.onnx", kImages, {{"output0", {1, 84, 8400}}});
  EXPECT_EQ(det.kind, AdapterKind::kYoloDet);
  EXPECT_EQ(det.num_classes, 80);
  EXPECT_FALSE(det.has_masks());

  const ModelLayout e2e = ChooseAdapter("m.onnx", kImages, {{"output0", {1, 300, 6}}});
  EXPECT_EQ(e2e.kind, AdapterKind::kYoloDetNmsFree);
  EXPECT_TRUE(e2e.nms_free());

  const ModelLayout seg_e2e =
      ChooseAdapter("m.onnx", kImages, {{"output0", {1, 300, 38}}, {"output1", {1, 32, 160, 160}}});
  EXPECT_EQ(seg_e2e.kind, AdapterKind::kYoloSegNmsFree);
}

TEST(ModelAdapterTest, RefusesOtherShapesNamingTheFile) {
  try {
    ChooseAdapter("dir/cls.onnx", kImages, {{"logits", {1, 10}}});
    FAIL();
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("dir/cls.onnx: unsupported model outputs: logits [1,10]"), std::string::npos) << what;
    EXPECT_NE(what.find("expected"), std::string::npos);
  }
  EXPECT_THROW(ChooseAdapter("m.onnx", {"x", {1, 1, 640, 640}}, {{"output0", {1, 84, 8400}}}), Error);
  EXPECT_THROW(ChooseAdapter("m.onnx", kImages, {{"output0", {1, 4, 8400}}}), Error);
  EXPECT_THROW(ChooseAdapter("m.onnx", kImages, {}), Error);
}

}  // namespace
}  // namespace prep360
