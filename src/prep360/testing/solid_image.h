#pragma once
// An 8-bit RGB image of one colour, for classifier tests.
#include <cstdint>

#include "prep360/image/image.h"

namespace prep360::testkit {

Image SolidImage(int width, int height, std::uint32_t r, std::uint32_t g, std::uint32_t b);

}  // namespace prep360::testkit
