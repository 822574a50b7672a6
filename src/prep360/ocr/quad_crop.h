#pragma once
// Cuts a text box out of an image as an upright text line, as PaddleOCR's get_rotate_crop_image
// does: the quad's longer sides set the crop size, and a crop at least 1.5 times taller than wide
// is turned 90° counter-clockwise (vertical text reads left to right).
#include "prep360/image/image.h"
#include "prep360/ocr/text_quad.h"

namespace prep360 {

// `rgb` is 8-bit RGB. Bilinear sampling over the quad (exact for rectangles and parallelograms),
// edge pixels repeated outside the image. The crop is at least 1 x 1.
Image CropQuad(const Image& rgb, const Quad& quad);

// The image turned 180° (an upside-down text line).
Image Rotate180(const Image& image);

}  // namespace prep360
