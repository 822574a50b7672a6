#pragma once
// Real photographs for the model tests, from Debian's python3-skimage data folder (installed by
// scripts/bootstrap; not in git).
#include <string>

namespace prep360::testkit {

// The full path of a photo in skimage's data folder ("astronaut.png", "page.png", ...). Fails the
// calling test (GTEST_FAIL-style: throws std::runtime_error naming scripts/bootstrap) when the
// file is missing.
std::string SkimagePhoto(const std::string& name);

// The hand-set box of Eileen Collins' face in astronaut.png (512x512): hairline-to-chin and
// cheek-to-cheek, in pixels, read off the image with a 50-px grid.
struct PixelBox {
  double x0, y0, x1, y1;
};
inline constexpr PixelBox kAstronautFace = {178, 62, 270, 170};

}  // namespace prep360::testkit
