#pragma once
// JPEG through TurboJPEG (internal to image_io). One TurboJPEG handle per thread, never shared.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/image/image_io.h"

namespace prep360::internal {

// Size and channels from the JPEG header. Throws Error naming `name` on bad data.
ImageInfo ReadJpegInfo(std::span<const std::uint8_t> bytes, const std::string& name);

// Decodes straight into the interior of a new image with `border` pixels of border: 8-bit RGB,
// or gray for a 1-component JPEG. Any TurboJPEG warning (e.g. truncated data) is an error.
Image DecodeJpeg(std::span<const std::uint8_t> bytes, const std::string& name, int border);

// Encodes 1-, 3- or 4-channel images (alpha dropped); 16-bit input is rounded to 8-bit first.
std::vector<std::uint8_t> EncodeJpeg(const Image& image, const EncodeOptions& options);

}  // namespace prep360::internal
