#include "prep360/detect/face_blur.h"

namespace prep360 {

BlurRegion FaceBlurRegion(const FaceBox& face) {
  const double w = face.x1 - face.x0, h = face.y1 - face.y0;
  return {0.5 * (face.x0 + face.x1), 0.5 * (face.y0 + face.y1) - 0.05 * h, 0.65 * w, 0.8 * h};
}

std::vector<FaceBox> BlurFaces(Image& image, const FaceDetector& detector) {
  std::vector<FaceBox> faces = detector.Detect(image);
  std::vector<BlurRegion> regions;
  for (const FaceBox& f : faces) regions.push_back(FaceBlurRegion(f));
  BlurRegions(image, regions);
  return faces;
}

}  // namespace prep360
