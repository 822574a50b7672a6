#pragma once
// Text rendered with a real font (FreeType, Debian's DejaVu fonts) for the OCR tests: black text
// on white, 8-bit RGB.
#include <string>

#include "prep360/image/image.h"

namespace prep360::testkit {

// The font file the tests use (DejaVu Sans, fonts-dejavu-core).
std::string TestFontPath();

// One line of ASCII `text` at `pixel_size` (the font's em size in pixels), with `margin` white
// pixels around the ink box's line (ascender to descender).
Image RenderTextLine(const std::string& text, int pixel_size, int margin);

// `image` turned by `degrees` (counter-clockwise on screen) about its centre, drawn centred on a
// white canvas_width x canvas_height canvas (bilinear).
Image RotateOntoCanvas(const Image& image, double degrees, int canvas_width, int canvas_height);

// Pastes `image` onto `canvas` with its top-left corner at (x, y) (both 8-bit RGB, inside).
void Paste(const Image& image, Image& canvas, int x, int y);

}  // namespace prep360::testkit
