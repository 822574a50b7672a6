#include "prep360/detect/segmenter.h"

#include <fstream>
#include <thread>
#include <utility>

#include <gtest/gtest.h>

#include "prep360/detect/model_info_text.h"
#include "prep360/detect/onnx_session.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {

std::string Model(const std::string& name) { return prep360::testkit::TestModelPath(name); }

struct Rgb {
  std::uint32_t r = 255, g = 255, b = 255;
};

// Black image with a coloured square; 8- or 16-bit, 1 (grey), 3 or 4 channels.
Image SquareImage(int w, int h, int x, int y, int size, Rgb colour = {}, int channels = 3, int bytes = 1) {
  Image image(w, h, channels, bytes);
  image.Fill(0);
  const std::uint32_t scale = bytes == 2 ? 257 : 1;
  for (int yy = y; yy < y + size; ++yy)
    for (int xx = x; xx < x + size; ++xx) {
      if (channels == 1) {
        image.Set(xx, yy, 0, colour.r * scale);
        continue;
      }
      image.Set(xx, yy, 0, colour.r * scale);
      image.Set(xx, yy, 1, colour.g * scale);
      image.Set(xx, yy, 2, colour.b * scale);
    }
  return image;
}

double SquareIoU(const Image& mask, int x, int y, int size) {
  std::int64_t inter = 0, uni = 0;
  for (int yy = 0; yy < mask.height(); ++yy)
    for (int xx = 0; xx < mask.width(); ++xx) {
      const bool a = mask.At(xx, yy, 0) != 0;
      const bool b = xx >= x && xx < x + size && yy >= y && yy < y + size;
      inter += a && b ? 1 : 0;
      uni += a || b ? 1 : 0;
    }
  return uni == 0 ? 1.0 : static_cast<double>(inter) / static_cast<double>(uni);
}

void ExpectBox(const Detection& d, float x0, float y0, float x1, float y1) {
  EXPECT_NEAR(d.x0, x0, 1.0);
  EXPECT_NEAR(d.y0, y0, 1.0);
  EXPECT_NEAR(d.x1, x1, 1.0);
  EXPECT_NEAR(d.y1, y1, 1.0);
}

SegmenterOptions Options(const std::string& model) {
  SegmenterOptions o;
  o.detect.model = Model(model);
  o.detect.device = Device::kCpu;
  o.threads = 1;
  return o;
}

TEST(SegmenterTest, FixedModelFindsTheSquare) {
  Segmenter seg(Options("seg_fixed.onnx"));
  EXPECT_EQ(seg.info().adapter, "yolo-seg");
  EXPECT_EQ(seg.info().input_width, 640);
  EXPECT_EQ(seg.info().batch, 1);
  ASSERT_EQ(seg.info().class_names.size(), 80u);
  EXPECT_EQ(seg.info().class_names[0], "person");
  EXPECT_EQ(seg.provider(), "CPUExecutionProvider");
  const Image image = SquareImage(640, 640, 320, 192, 32);
  MaskTimes times;
  const std::vector<SegmentResult> r = seg.Run({&image}, &times);
  ASSERT_EQ(r.size(), 1u);
  ASSERT_EQ(r[0].detections.size(), 1u);  // person only (default classes)
  EXPECT_EQ(r[0].detections[0].class_id, 0);
  EXPECT_NEAR(r[0].detections[0].score, 1.0, 1e-5);
  ExpectBox(r[0].detections[0], 320, 192, 352, 224);
  EXPECT_EQ(r[0].mask.width(), 640);
  EXPECT_EQ(r[0].mask.channels(), 1);
  EXPECT_GE(SquareIoU(r[0].mask, 320, 192, 32), 0.98);
  EXPECT_GT(times.inference_s, 0.0);
  EXPECT_GT(times.preprocess_s, 0.0);
  EXPECT_GT(times.postprocess_s, 0.0);
}

TEST(SegmenterTest, FixedModelLetterboxesLargeNonSquareImages) {
  Segmenter seg(Options("seg_fixed.onnx"));
  // 1280x768 -> 640x384 with 128 rows of padding on top: the square lands on a cell.
  const Image image = SquareImage(1280, 768, 640, 384, 64);
  const std::vector<SegmentResult> r = seg.Run({&image});
  ASSERT_EQ(r[0].detections.size(), 1u);
  ExpectBox(r[0].detections[0], 640, 384, 704, 448);
  EXPECT_EQ(r[0].mask.width(), 1280);
  EXPECT_EQ(r[0].mask.height(), 768);
  EXPECT_GE(SquareIoU(r[0].mask, 640, 384, 64), 0.98);
  // A 64x64 model-pixel square spans four cells: four boxes whose masks union to the square.
  const Image big = SquareImage(640, 640, 64, 128, 64);
  const std::vector<SegmentResult> r2 = seg.Run({&big});
  EXPECT_EQ(r2[0].detections.size(), 4u);
  EXPECT_GE(SquareIoU(r2[0].mask, 64, 128, 64), 0.98);
}

TEST(SegmenterTest, SixteenBitGreyAndRgbaImages) {
  Segmenter seg(Options("seg_fixed.onnx"));
  const Image grey16 = SquareImage(640, 640, 96, 96, 32, {}, 1, 2);
  const Image rgba = SquareImage(640, 640, 96, 96, 32, {}, 4, 1);
  const std::vector<SegmentResult> r = seg.Run({&grey16, &rgba});
  for (const SegmentResult& one : r) {
    ASSERT_EQ(one.detections.size(), 1u);
    ExpectBox(one.detections[0], 96, 96, 128, 128);
    EXPECT_GE(SquareIoU(one.mask, 96, 96, 32), 0.98);
  }
}

TEST(SegmenterTest, DynamicModelBatchesImagesOfDifferentSizes) {
  SegmenterOptions o = Options("seg_dynamic.onnx");
  o.detect.batch = 2;
  Segmenter seg(o);
  EXPECT_EQ(seg.info().batch, 0);
  EXPECT_EQ(seg.info().input_width, 0);
  // a: 1280x768 -> 640x384; b: 1280x1280 -> 640x640 (so a is padded by 128 rows in the batch);
  // c: 320x320 -> 640x640 (upscaled 2x), alone in the second call.
  const Image a = SquareImage(1280, 768, 640, 384, 64);
  const Image b = SquareImage(1280, 1280, 128, 256, 64);
  const Image c = SquareImage(320, 320, 160, 96, 16);
  MaskTimes times;
  const std::vector<SegmentResult> r = seg.Run({&a, &b, &c}, &times);
  ASSERT_EQ(r.size(), 3u);
  ASSERT_EQ(r[0].detections.size(), 1u);
  ExpectBox(r[0].detections[0], 640, 384, 704, 448);
  EXPECT_GE(SquareIoU(r[0].mask, 640, 384, 64), 0.98);
  ASSERT_EQ(r[1].detections.size(), 1u);
  ExpectBox(r[1].detections[0], 128, 256, 192, 320);
  EXPECT_GE(SquareIoU(r[1].mask, 128, 256, 64), 0.98);
  ASSERT_EQ(r[2].detections.size(), 1u);
  ExpectBox(r[2].detections[0], 160, 96, 176, 112);
  EXPECT_GE(SquareIoU(r[2].mask, 160, 96, 16), 0.98);
  EXPECT_EQ(r[2].mask.width(), 320);
}

TEST(SegmenterTest, DynamicModelHonoursInputSize) {
  SegmenterOptions o = Options("seg_dynamic.onnx");
  o.detect.input_size = 320;
  Segmenter seg(o);
  // 640x640 -> 320x320: the 64-pixel square becomes one 32-pixel cell.
  const Image image = SquareImage(640, 640, 128, 64, 64);
  const std::vector<SegmentResult> r = seg.Run({&image});
  ASSERT_EQ(r[0].detections.size(), 1u);
  ExpectBox(r[0].detections[0], 128, 64, 192, 128);
  EXPECT_GE(SquareIoU(r[0].mask, 128, 64, 64), 0.98);
}

TEST(SegmenterTest, FixedBatchModelPadsTheLastCall) {
  SegmenterOptions o = Options("seg_batch2.onnx");
  o.detect.classes = {"red"};
  Segmenter seg(o);
  EXPECT_EQ(seg.info().batch, 2);
  const Image red = SquareImage(320, 320, 32, 64, 32, {255, 0, 0});
  const Image green = SquareImage(320, 320, 32, 64, 32, {0, 255, 0});
  const Image red2 = SquareImage(640, 640, 256, 320, 64, {255, 0, 0});
  const std::vector<SegmentResult> r = seg.Run({&red, &green, &red2});
  ASSERT_EQ(r.size(), 3u);
  ASSERT_EQ(r[0].detections.size(), 1u);
  ExpectBox(r[0].detections[0], 32, 64, 64, 96);
  EXPECT_TRUE(r[1].detections.empty());
  ASSERT_EQ(r[2].detections.size(), 1u);
  ExpectBox(r[2].detections[0], 256, 320, 320, 384);
  EXPECT_GE(SquareIoU(r[2].mask, 256, 320, 64), 0.98);
}

TEST(SegmenterTest, ClassSelection) {
  const Image green = SquareImage(640, 640, 320, 320, 32, {0, 255, 0});  // class 1 = bicycle
  const Image blue = SquareImage(640, 640, 320, 320, 32, {0, 0, 255});   // class 2 = car
  {
    Segmenter seg(Options("seg_fixed.onnx"));  // default classes: person, backpack, ...
    EXPECT_EQ(seg.class_ids().front(), 0);
    const std::vector<SegmentResult> r = seg.Run({&green});
    EXPECT_TRUE(r[0].detections.empty());
    EXPECT_EQ(SquareIoU(r[0].mask, 0, 0, 0), 1.0);  // nothing set
  }
  {
    SegmenterOptions o = Options("seg_fixed.onnx");
    o.detect.classes = {"bicycle", "2"};
    Segmenter seg(o);
    EXPECT_EQ(seg.class_ids(), (std::vector<int>{1, 2}));
    const std::vector<SegmentResult> r = seg.Run({&green, &blue});
    ASSERT_EQ(r[0].detections.size(), 1u);
    EXPECT_EQ(r[0].detections[0].class_id, 1);
    ASSERT_EQ(r[1].detections.size(), 1u);
    EXPECT_EQ(r[1].detections[0].class_id, 2);
    EXPECT_GE(SquareIoU(r[1].mask, 320, 320, 32), 0.98);
  }
  SegmenterOptions bad = Options("seg_fixed.onnx");
  bad.detect.classes = {"unicorn"};
  try {
    Segmenter seg(bad);
    FAIL();
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("unknown class 'unicorn'"), std::string::npos) << what;
    EXPECT_NE(what.find("person, bicycle"), std::string::npos) << what;
  }
}

TEST(SegmenterTest, MinAreaDropsSmallInstances) {
  SegmenterOptions o = Options("seg_fixed.onnx");
  o.detect.min_area = 32 * 32 + 1;
  Segmenter seg(o);
  const Image image = SquareImage(640, 640, 320, 192, 32);
  EXPECT_TRUE(seg.Run({&image})[0].detections.empty());
}

TEST(SegmenterTest, DetectionModelFillsBoxes) {
  SegmenterOptions o = Options("det.onnx");
  o.detect.classes = {"all"};
  Segmenter seg(o);
  EXPECT_EQ(seg.info().adapter, "yolo-det");
  EXPECT_EQ(seg.info().task, ModelTask::kDetect);
  EXPECT_EQ(seg.info().class_names, (std::vector<std::string>{"person", "car", "dog"}));
  const Image image = SquareImage(1280, 640, 320, 320, 64);  // pad_y 160: cell-aligned
  const std::vector<SegmentResult> r = seg.Run({&image});
  // White scores 1 for all three classes; one label per anchor (the best selected class).
  ASSERT_EQ(r[0].detections.size(), 1u);
  ExpectBox(r[0].detections[0], 320, 320, 384, 384);
  EXPECT_EQ(SquareIoU(r[0].mask, 320, 320, 64), 1.0);
}

TEST(SegmenterTest, NmsFreeModelWithIdsOrNamesFile) {
  const Image image = SquareImage(640, 640, 64, 32, 32, {0, 0, 255});
  {
    SegmenterOptions o = Options("det_nms_free.onnx");
    o.detect.classes = {"2"};
    Segmenter seg(o);
    EXPECT_EQ(seg.info().adapter, "yolo-det-nms-free");
    EXPECT_TRUE(seg.info().class_names.empty());
    const std::vector<SegmentResult> r = seg.Run({&image});
    ASSERT_EQ(r[0].detections.size(), 1u);
    EXPECT_EQ(r[0].detections[0].class_id, 2);
    ExpectBox(r[0].detections[0], 64, 32, 96, 64);
    EXPECT_EQ(SquareIoU(r[0].mask, 64, 32, 32), 1.0);
  }
  EXPECT_THROW(Segmenter{Options("det_nms_free.onnx")}, Error);  // no names: no default class applies
  testkit::TempDir dir;
  std::ofstream(dir / "names.txt") << "bicycle\ncar\nperson\n";
  SegmenterOptions o = Options("det_nms_free.onnx");
  o.detect.class_names = dir / "names.txt";
  Segmenter seg(o);
  EXPECT_EQ(seg.class_ids(), (std::vector<int>{2}));  // "person" from the default list
  EXPECT_EQ(seg.Run({&image})[0].detections.size(), 1u);
}

void ExpectFileError(const std::string& model, const std::string& fragment) {
  try {
    Segmenter seg(Options(model));
    FAIL() << model;
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_EQ(what.find(Model(model) + ": "), 0u) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(SegmenterTest, BadModelsNameTheFile) {
  ExpectFileError("missing.onnx", "not found");
  ExpectFileError("not_onnx.onnx", "not a valid ONNX model");
  ExpectFileError("unsupported.onnx", "unsupported model outputs: logits [1,10]");
}

// One line naming the file for an empty file, text, and a protobuf ONNX Runtime parses but
// refuses (IR version 0: its message carries a source path and a C++ signature).
TEST(SegmenterTest, ModelLoadErrorsAreOneLineNamingTheFile) {
  testkit::TempDir dir;
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return dir / name;
  };
  auto error = [](const std::string& path) -> std::string {
    SegmenterOptions o = Options("seg_fixed.onnx");
    o.detect.model = path;
    try {
      Segmenter seg(o);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  const std::string empty = write("empty.onnx", "");
  EXPECT_EQ(error(empty), empty + ": empty file (0 bytes), not an ONNX model");
  for (const auto& [name, bytes] :
       {std::pair<std::string, std::string>{"garbage.onnx", "not a model at all\n"},
        {"ir0.onnx", std::string("\x12\x01x", 3)}}) {
    const std::string path = write(name, bytes);
    const std::string what = error(path);
    SCOPED_TRACE(what);
    EXPECT_EQ(what.find(path + ": not a valid ONNX model"), 0u);
    EXPECT_EQ(what.find('\n'), std::string::npos);
    EXPECT_EQ(what.find(".cc:"), std::string::npos);
    EXPECT_EQ(what.find("onnxruntime::"), std::string::npos);
    EXPECT_EQ(what.find("Load model from"), std::string::npos);
    EXPECT_EQ(what.find("()"), std::string::npos);
    EXPECT_EQ(what.find(path, 1), std::string::npos);  // named once, at the start
  }
}

TEST(SegmenterTest, OrtErrorLineKeepsTheMessageOnly) {
  EXPECT_EQ(
      OrtErrorLine("Load model from /m/x.onnx failed:/onnxruntime_src/onnxruntime/core/graph/model.cc:180 "
                   "onnxruntime::Model::Model(onnx::ModelProto&&, const PathString&, const "
                   "IOnnxRuntimeOpSchemaRegistryList*, const onnxruntime::logging::Logger&, const "
                   "onnxruntime::ModelOptions&) Unsupported model IR version: 0, max supported IR version: "
                   "10\nsecond line"),
      "Unsupported model IR version: 0, max supported IR version: 10");
  EXPECT_EQ(OrtErrorLine("Load model from m.onnx failed:Protobuf parsing failed."),
            "Protobuf parsing failed.");
  EXPECT_EQ(
      OrtErrorLine("/src/provider.cc:1988 onnxruntime::Status f() const [ONNXRuntimeError] : 1 : FAIL : "
                   "CUDA failure 35: driver too old"),
      "CUDA failure 35: driver too old");
  EXPECT_EQ(OrtErrorLine("plain message"), "plain message");
  EXPECT_EQ(OrtErrorLine(""), "no details");
}

TEST(SegmenterTest, CudaFallsBackToCpuWithAWarning) {
  std::vector<std::string> warnings;
  SegmenterOptions o = Options("seg_fixed.onnx");
  o.detect.device = Device::kCuda;
  o.warn = [&](const std::string& line) { warnings.push_back(line); };
  Segmenter seg(o);
  if (seg.provider() == "CUDAExecutionProvider") GTEST_SKIP() << "this machine has a working CUDA provider";
  EXPECT_EQ(seg.provider(), "CPUExecutionProvider");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("CPU"), std::string::npos) << warnings[0];
  EXPECT_EQ(warnings[0].find('\n'), std::string::npos) << warnings[0];

  warnings.clear();
  o.detect.device = Device::kAuto;
  Segmenter quiet(o);
  EXPECT_TRUE(warnings.empty());
  EXPECT_THROW(ParseName<Device>("gpu", "device"), Error);
}

TEST(SegmenterTest, RunIsThreadSafe) {
  Segmenter seg(Options("seg_dynamic.onnx"));
  const Image image = SquareImage(640, 640, 320, 192, 32);
  MaskTimes times;
  std::vector<int> found(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 3; ++i) {
        const std::vector<SegmentResult> r = seg.Run({&image}, &times);
        found[static_cast<std::size_t>(t)] += r[0].detections.size() == 1 && SquareIoU(r[0].mask, 320, 192, 32) >= 0.98;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(found, (std::vector<int>{3, 3, 3, 3}));
  EXPECT_GT(times.inference_s, 0.0);
}

TEST(SegmenterTest, InfoText) {
  const std::string fixed = FormatModelInfo(Segmenter(Options("seg_fixed.onnx")).info());
  EXPECT_NE(fixed.find("task: segment"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("adapter: yolo-seg"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("input: 640 x 640"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("batch: 1"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("stride: 32"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("classes: 80 (0: person, 1: bicycle"), std::string::npos) << fixed;
  EXPECT_NE(fixed.find("CPUExecutionProvider"), std::string::npos) << fixed;
  const std::string dynamic = FormatModelInfo(Segmenter(Options("seg_dynamic.onnx")).info());
  EXPECT_NE(dynamic.find("input: dynamic x dynamic"), std::string::npos) << dynamic;
  EXPECT_NE(dynamic.find("batch: dynamic"), std::string::npos) << dynamic;
  SegmenterOptions o = Options("det_nms_free.onnx");
  o.detect.classes = {"0"};
  const std::string e2e = FormatModelInfo(Segmenter(o).info());
  EXPECT_NE(e2e.find("task: detect"), std::string::npos) << e2e;
  EXPECT_NE(e2e.find("classes: unknown"), std::string::npos) << e2e;
}

}  // namespace
}  // namespace prep360
