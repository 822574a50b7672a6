#include "prep360/detect/classifier.h"

#include <cmath>
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"
#include "prep360/testing/solid_image.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;

std::string Model(const std::string& name) { return prep360::testkit::TestModelPath(name); }

using testkit::SolidImage;

Classifier Load(const std::string& name, const std::string& config = "") {
  return Classifier(Model(name + ".onnx"), config, "cpu", 1, nullptr);
}

TEST(ClassifierTest, SoftmaxHeadGivesTheTopLabelsWithTheirProbabilities) {
  const Classifier c = Load("cls_softmax");
  EXPECT_EQ(c.input_size(), (std::pair<int, int>{32, 32}));
  // Normalised (v - 0.5) / 0.5: red = (1, -1, -1) -> logits (10, -10, -10).
  const ClassifyResult r = c.Classify(SolidImage(100, 60, 255, 0, 0), 100, 60);
  ASSERT_EQ(r.labels.size(), 2u);  // top_k 2, threshold 0
  EXPECT_EQ(r.labels[0].label, "red");
  const double other = std::exp(-20.0) / (1 + 2 * std::exp(-20.0));
  EXPECT_NEAR(r.labels[0].score, 1 - 2 * other, 1e-6);
  EXPECT_NEAR(r.labels[1].score, other, 1e-6);
  EXPECT_TRUE(r.cells.empty());
  // Grey 255 * 0.75: logits (5, 5, 5) -> a third each, in label order among equals.
  const ClassifyResult grey = c.Classify(SolidImage(40, 40, 191, 191, 191), 40, 40);
  ASSERT_EQ(grey.labels.size(), 2u);
  EXPECT_EQ(grey.labels[0].label, "red");
  EXPECT_EQ(grey.labels[1].label, "green");
  EXPECT_NEAR(grey.labels[0].score, 1.0 / 3, 1e-5);
}

TEST(ClassifierTest, SigmoidHeadIsMultiLabelOnAChannelsLastBgrModel) {
  const Classifier c = Load("cls_sigmoid_nhwc");
  // Yellow: R and G full, B none. The model reads BGR, so its labels are blue, green, red.
  const ClassifyResult r = c.Classify(SolidImage(50, 50, 255, 255, 0), 50, 50);
  ASSERT_EQ(r.labels.size(), 2u);
  EXPECT_EQ(r.labels[0].label, "green");  // equal scores keep the model's order
  EXPECT_EQ(r.labels[1].label, "red");
  EXPECT_NEAR(r.labels[0].score, 1 / (1 + std::exp(-10.0)), 1e-5);
  EXPECT_TRUE(c.Classify(SolidImage(50, 50, 0, 0, 0), 50, 50).labels.empty());  // nothing reaches 0.5
}

TEST(ClassifierTest, GridGivesEachCellItsOwnLabelsAndPixelBox) {
  const Classifier c = Load("cls_grid");
  // 128x96: top-left quarter red, bottom-right quarter blue, the rest black.
  Image image = SolidImage(128, 96, 0, 0, 0);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x) image.Set(x, y, 0, 255);
  for (int y = 48; y < 96; ++y)
    for (int x = 64; x < 128; ++x) image.Set(x, y, 2, 255);
  // Decoded at half size, as a reduced JPEG decode would be: boxes stay at the full size.
  Image half = SolidImage(64, 48, 0, 0, 0);
  for (int y = 0; y < 48; ++y)
    for (int x = 0; x < 64; ++x)
      for (int k = 0; k < 3; ++k) half.Set(x, y, k, image.At(2 * x, 2 * y, k));
  for (const Image* in : {&image, &half}) {
    const ClassifyResult r = c.Classify(*in, 128, 96);
    ASSERT_EQ(r.cells.size(), 4u);
    EXPECT_TRUE(r.labels.empty());
    ASSERT_EQ(r.cells[0].labels.size(), 1u);
    EXPECT_EQ(r.cells[0].labels[0].label, "red");
    EXPECT_TRUE(r.cells[1].labels.empty());
    EXPECT_TRUE(r.cells[2].labels.empty());
    ASSERT_EQ(r.cells[3].labels.size(), 1u);
    EXPECT_EQ(r.cells[3].labels[0].label, "blue");
    EXPECT_FLOAT_EQ(r.cells[3].x0, 64);
    EXPECT_FLOAT_EQ(r.cells[3].y0, 48);
    EXPECT_FLOAT_EQ(r.cells[3].x1, 128);
    EXPECT_FLOAT_EQ(r.cells[3].y1, 96);
  }
}

TEST(ClassifierTest, ExplicitCellsAndConfigErrorsNameTheFileAndField) {
  testkit::TempDir dir;
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return dir / name;
  };
  // Explicit cells: the grid model scores 4 cells, whatever boxes the JSON gives them.
  const std::string cells = write("cells.json", R"({"labels": ["r", "g", "b"], "head": "sigmoid",
      "input": {"width": 64, "height": 64},
      "grid": {"cells": [[0, 0, 0.5, 0.5], [0.5, 0, 1, 0.5], [0, 0.5, 0.5, 1], [0.25, 0.25, 1, 1]]}})");
  const ClassifyResult r = Load("cls_grid", cells).Classify(SolidImage(64, 64, 0, 255, 0), 200, 100);
  ASSERT_EQ(r.cells.size(), 4u);
  EXPECT_FLOAT_EQ(r.cells[3].x0, 50);
  EXPECT_FLOAT_EQ(r.cells[3].y0, 25);
  ASSERT_EQ(r.cells[3].labels.size(), 1u);
  EXPECT_EQ(r.cells[3].labels[0].label, "g");

  auto error_of = [&](const std::string& model, const std::string& config) -> std::string {
    try {
      Load(model, config);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string four = write("four.json", R"({"labels": ["a", "b", "c", "d"]})");
  EXPECT_NE(error_of("cls_softmax", four).find("gives 3 scores per image but"), std::string::npos)
      << error_of("cls_softmax", four);
  const std::string unknown = write("unknown.json", R"({"labels": ["a", "b", "c"], "heads": "softmax"})");
  EXPECT_EQ(error_of("cls_softmax", unknown), unknown + ": /heads: unknown field");
  const std::string dynamic = write("dynamic.json", R"({"labels": ["a", "b", "c"]})");
  EXPECT_EQ(error_of("cls_grid", dynamic), dynamic + ": /input/width is needed: the model's input size is dynamic");
  const std::string size = write("size.json", R"({"labels": ["a", "b", "c"], "input": {"width": 64}})");
  EXPECT_EQ(error_of("cls_softmax", size), size + ": /input/width is 64 but the model's is 32");
  const std::string bad_grid = write("grid.json", R"({"labels": ["a"], "grid": {"rows": 2}})");
  EXPECT_EQ(error_of("cls_softmax", bad_grid), bad_grid + ": /grid: give both rows and cols");
  EXPECT_EQ(error_of("cls_softmax", dir / "missing.json").find(dir / "missing.json"), 0u);
}

}  // namespace
}  // namespace prep360
