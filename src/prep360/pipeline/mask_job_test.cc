#include "prep360/pipeline/mask_job.h"

#include <cstdlib>
#include <filesystem>

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/job/job_options.h"
#include "prep360/testing/recording_observer.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;

// 1280x1280 black JPEG with a white square [384, 704)^2: at the model's 640x640 input it is the
// cell-aligned square [192, 352)^2 that seg_fixed.onnx masks.
std::vector<std::uint8_t> SquareJpeg() {
  Image image(1280, 1280, 3, 1);
  image.Fill(0);
  for (int y = 384; y < 704; ++y)
    for (int x = 384; x < 704; ++x)
      for (int c = 0; c < 3; ++c) image.Set(x, y, c, 255);
  return EncodeImage(image, ImageFormat::kJpeg, EncodeOptions{});
}

TEST(MaskJobTest, ReducedJpegDecodeGivesTheFullDecodesMaskToWithinAnEdgePixel) {
  testkit::TempDir dir;
  const std::vector<std::uint8_t> jpeg = SquareJpeg();
  fs::create_directories(dir.path() / "images");
  WriteFileAtomic(dir / "images/a.jpg", jpeg);
  JobDocument job = JobDocument::For(JobCommand::kMask);
  job.inputs = {dir / "images"};
  job.output = dir / "masks";
  job.detect.model = prep360::testkit::TestModelPath("seg_fixed.onnx");
  job.detect.device = Device::kCpu;
  job.runtime.threads = 1;
  job.Check();
  testkit::RecordingObserver observer;
  const MaskJobResult r = RunMaskJob(job, observer, CancelToken());
  ASSERT_EQ(r.written, 1);

  // The reference: the same model on the full-size decode (object = 255; the file has object = 0).
  Segmenter segmenter(SegmenterOptionsFor(job.detect, 1));
  const Image full = DecodeImage(jpeg, "a.jpg");
  const SegmentResult reference = std::move(segmenter.Run({&full}).at(0));
  const std::vector<std::uint8_t> png = ReadFileBytes(dir / "masks/a.jpg.png");
  EXPECT_EQ(png.at(24), 1);  // a 1-bit PNG
  const Image mask = DecodeImage(png, "a.jpg.png");
  ASSERT_EQ(mask.width(), 1280);
  ASSERT_EQ(mask.height(), 1280);
  std::int64_t differ = 0, object = 0;
  for (int y = 0; y < 1280; ++y)
    for (int x = 0; x < 1280; ++x) {
      const bool ours = mask.At(x, y, 0) == 0, theirs = reference.mask.At(x, y, 0) == 255;
      object += ours ? 1 : 0;
      if (ours == theirs) continue;
      ++differ;
      const int edge = std::min({std::abs(x - 384), std::abs(x - 704), std::abs(y - 384), std::abs(y - 704)});
      EXPECT_LE(edge, 2) << "differs at " << x << "," << y << " away from the square's edge";
    }
  EXPECT_NEAR(static_cast<double>(object), 320.0 * 320.0, 4 * 320.0 * 2);
  EXPECT_LE(differ, 4 * 320 * 2);  // at most a 2-pixel band along the edge
}

}  // namespace
}  // namespace prep360
