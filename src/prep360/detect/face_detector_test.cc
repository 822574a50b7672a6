#include "prep360/detect/face_detector.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/testing/paste.h"
#include "prep360/testing/real_photos.h"
#include "prep360/util/error.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {

using testkit::kAstronautFace;

double IoU(const FaceBox& f, const testkit::PixelBox& b) {
  const double ix = std::max(0.0, std::min<double>(f.x1, b.x1) - std::max<double>(f.x0, b.x0));
  const double iy = std::max(0.0, std::min<double>(f.y1, b.y1) - std::max<double>(f.y0, b.y0));
  const double inter = ix * iy;
  const double uni = (f.x1 - f.x0) * (f.y1 - f.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return inter / uni;
}

testkit::PixelBox Scaled(const testkit::PixelBox& b, double s, double x, double y) {
  return {x + b.x0 * s, y + b.y0 * s, x + b.x1 * s, y + b.y1 * s};
}

// A mid-grey 1920x1080 view with the astronaut photo pasted at `scale` so her face lands at (fx, fy).
Image ViewWithFace(const Image& photo, double scale, double fx, double fy, double* x, double* y) {
  Image view(1920, 1080, 3, 1);
  view.Fill(118);
  *x = fx - 0.5 * (kAstronautFace.x0 + kAstronautFace.x1) * scale;
  *y = fy - 0.5 * (kAstronautFace.y0 + kAstronautFace.y1) * scale;
  testkit::PasteScaled(photo, scale, view, *x, *y);
  return view;
}

class FaceDetectorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { detector_ = new FaceDetector(FaceDetectorOptions{}); }
  static void TearDownTestSuite() { delete detector_; }
  static FaceDetector* detector_;
};
FaceDetector* FaceDetectorTest::detector_ = nullptr;

TEST_F(FaceDetectorTest, FindsTheOneFaceInARealPortrait) {
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  const std::vector<FaceBox> faces = detector_->Detect(photo);
  ASSERT_EQ(faces.size(), 1u);
  EXPECT_GE(IoU(faces[0], kAstronautFace), 0.5) << faces[0].x0 << "," << faces[0].y0 << " " << faces[0].x1 << "," << faces[0].y1;
  EXPECT_GE(faces[0].score, 0.75f);
}

TEST_F(FaceDetectorTest, FindsA24PixelFaceAndAFrameFillingOneIn1080p) {
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  // Hand-set face 92 px wide -> 24 px: the small end the issue asks for, off the tile grid.
  for (const double face_px : {24.0, 150.0, 700.0}) {
    const double scale = face_px / (kAstronautFace.x1 - kAstronautFace.x0);
    double x = 0, y = 0;
    const Image view = ViewWithFace(photo, scale, 1301, 587, &x, &y);
    const std::vector<FaceBox> faces = detector_->Detect(view);
    ASSERT_EQ(faces.size(), 1u) << "face of " << face_px << " px";
    EXPECT_GE(IoU(faces[0], Scaled(kAstronautFace, scale, x, y)), 0.5) << "face of " << face_px << " px";
  }
}

TEST_F(FaceDetectorTest, AnEmptySceneHasNoFaces) {
  Image view(1280, 720, 3, 1);
  view.Fill(118);
  EXPECT_TRUE(detector_->Detect(view).empty());
}

TEST(FaceDetector, RefusesAModelThatIsNotBlazeFace) {
  FaceDetectorOptions options;
  options.model = prep360::testkit::TestModelPath("seg_fixed.onnx");
  try {
    FaceDetector detector(options);
    FAIL() << "a YOLO model is not a face detector";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(options.model + ": not a BlazeFace model"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace prep360
