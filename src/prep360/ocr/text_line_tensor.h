#pragma once
// Model inputs for PP-OCR: an image as planar B, G, R floats (PaddleOCR decodes with OpenCV, so
// its models read BGR), normalised the way each model was trained.
#include <vector>

#include "prep360/detect/letterbox.h"
#include "prep360/image/image.h"

namespace prep360 {

// Detection: the image resized by plan (pad_x = pad_y = 0: padding right and bottom) into
// target_width x target_height, each plane normalised with ImageNet's mean and std (on 0..1).
void DetectionTensor(const Image& image, const Letterbox& plan, float* chw);

// A text line (angle classification, recognition): resized to resized_width x height, padded on
// the right to target_width with zeros, samples normalised to (v / 255 - 0.5) / 0.5.
void TextLineTensor(const Image& line, int height, int resized_width, int target_width, float* chw);

// PaddleOCR's width for a text line of this size at the model's height: ceil(height * w / h),
// at most max_width, at least 1.
int TextLineWidth(const Image& line, int height, int max_width);

}  // namespace prep360
