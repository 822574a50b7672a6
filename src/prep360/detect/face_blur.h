#pragma once
// Privacy blur of faces: the region blurred for a detected face, and blurring every face found.
#include <vector>

#include "prep360/detect/face_detector.h"
#include "prep360/image/privacy_blur.h"

namespace prep360 {

// BlazeFace boxes run from the brows to the chin; the blurred ellipse covers forehead, hair line,
// ears and chin too: centred a little above the box centre, radii 0.65 x width, 0.8 x height.
BlurRegion FaceBlurRegion(const FaceBox& face);

// Detects the faces of `image` and blurs them in place; returns the faces found.
std::vector<FaceBox> BlurFaces(Image& image, const FaceDetector& detector);

}  // namespace prep360
