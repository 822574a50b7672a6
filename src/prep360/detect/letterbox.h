#pragma once
// Letterboxing (ultralytics style): resize keeping the aspect ratio, pad with grey 114 centred
// (left/top get the smaller half), planar RGB float 0..1. The plan maps coordinates both ways:
// model = image * scale + pad (continuous coordinates, 0 at the left/top edge).
#include "prep360/image/image.h"

namespace prep360 {

struct Letterbox {
  int source_width = 0, source_height = 0;
  int resized_width = 0, resized_height = 0;  // the image's footprint in the model input
  int target_width = 0, target_height = 0;    // the model input
  int pad_x = 0, pad_y = 0;                   // left and top padding
  double scale_x = 1, scale_y = 1;            // resized / source, per axis

  double ToImageX(double model_x) const { return (model_x - pad_x) / scale_x; }
  double ToImageY(double model_y) const { return (model_y - pad_y) / scale_y; }
  double ToModelX(double image_x) const { return image_x * scale_x + pad_x; }
  double ToModelY(double image_y) const { return image_y * scale_y + pad_y; }
};

inline constexpr float kLetterboxPadValue = 114.0f / 255.0f;

// Fits the image into a fixed target (the model's input size).
Letterbox PlanLetterbox(int source_width, int source_height, int target_width, int target_height);
// For models with dynamic H/W: the long side becomes input_size, the target is the smallest
// multiple of stride on each axis that holds the resized image.
Letterbox PlanDynamicLetterbox(int source_width, int source_height, int input_size, int stride);
// The same resize centred in a target at least as large (a batch shares one input size).
Letterbox CentreInTarget(const Letterbox& plan, int target_width, int target_height);

// Writes the letterboxed image as 3 planes (R, G, B) of target_height x target_width floats at
// `chw`. Accepts 8- or 16-bit images with 1 (grey), 3 (RGB) or 4 (RGBA, alpha ignored) channels;
// resizing is bilinear with pixel centres at +0.5. Every float of the target is written once (the
// padding too), in one pass: `chw` needs no clearing first.
void LetterboxImage(const Image& image, const Letterbox& plan, float* chw);

}  // namespace prep360
