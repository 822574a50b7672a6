#include "prep360/testing/solid_image.h"

namespace prep360::testkit {

Image SolidImage(int width, int height, std::uint32_t r, std::uint32_t g, std::uint32_t b) {
  Image image(width, height, 3, 1);
  for (int y = 0; y < height; ++y) {
    for (int x = 0; x < width; ++x) {
      image.Set(x, y, 0, r);
      image.Set(x, y, 1, g);
      image.Set(x, y, 2, b);
    }
  }
  return image;
}

}  // namespace prep360::testkit
