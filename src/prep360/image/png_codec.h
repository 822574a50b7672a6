#pragma once
// PNG through libspng (internal to image_io).
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/image/image_io.h"

namespace prep360::internal {

// Size, channels and depth the decoder will produce (gray+alpha and palette+tRNS become RGBA,
// palette RGB, low-bit gray 8-bit gray). Throws Error naming `name` on bad data.
ImageInfo ReadPngInfo(std::span<const std::uint8_t> bytes, const std::string& name);

// Decodes row by row straight into a new image with `border` pixels of border; 16-bit samples
// come out native-endian.
Image DecodePng(std::span<const std::uint8_t> bytes, const std::string& name, int border);

// Encodes 8/16-bit gray, RGB or RGBA at zlib level options.png_compression.
std::vector<std::uint8_t> EncodePng(const Image& image, const EncodeOptions& options);

// A 1-bit greyscale PNG of an 8-bit one-channel image whose samples are all 0 or 255 (a mask;
// decoders read it back as 0/255), rows unfiltered, libdeflate level 1: 8x less data to compress
// than the 8-bit file. Nullopt for any other image, so the caller falls back to EncodePng.
std::optional<std::vector<std::uint8_t>> EncodeBilevelPng(const Image& mask);

}  // namespace prep360::internal
