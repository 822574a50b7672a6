#pragma once
// Masks as PNG, fast.
#include <cstdint>
#include <vector>

#include "prep360/image/image.h"

namespace prep360 {

// A one-channel 8-bit image whose samples are all 0 or 255 (a binary mask) becomes a 1-bit
// greyscale PNG, read back as 0/255: the same pixels with an eighth of the data to compress
// (libdeflate level 1). Any other image is encoded like EncodeImage(image, kPng, {}).
std::vector<std::uint8_t> EncodeMaskPng(const Image& mask);

}  // namespace prep360
