#pragma once
// Decoding for a consumer that needs less than the full image (a model that reads a smaller size).
#include <cstdint>
#include <string>
#include <vector>

#include "prep360/image/image.h"

namespace prep360 {

// Decodes for a consumer that needs at least min_width x min_height of the upright image: a JPEG
// decodes at the smallest of TurboJPEG's DCT scaling factors (n/8) whose size is at least that,
// so the result may be smaller than the file (the IDCT then works on fewer coefficients: a 3/8
// decode costs well under half a full one); PNG and TIFF decode at full size, as does a JPEG no
// scale of which is smaller. Upright and with the same errors as DecodeImage; ReadImageInfo gives
// the full size.
Image DecodeImageAtLeast(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors, int min_width,
                         int min_height);

}  // namespace prep360
