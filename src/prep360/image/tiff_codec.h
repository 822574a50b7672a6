#pragma once
// TIFF through libtiff (internal to image_io), in memory: no temporary files.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/image/image_io.h"

namespace prep360::internal {

// Size, channels and depth the decoder will produce for the first directory.
ImageInfo ReadTiffInfo(std::span<const std::uint8_t> bytes, const std::string& name);

// 8/16-bit unsigned gray, gray+alpha (-> RGBA), RGB, RGBA, in strips or tiles, are read
// scanline by scanline into the image (16-bit kept, native-endian). Anything else libtiff can
// read (palette, bilevel, YCbCr, CMYK, ...) goes through its RGBA reader into 8-bit gray/RGB/RGBA.
// Rows come as stored on every path: image_io applies the Orientation tag.
Image DecodeTiff(std::span<const std::uint8_t> bytes, const std::string& name, int border);

// 8/16-bit gray, RGB or RGBA (unassociated alpha); Deflate with horizontal predictor at level
// options.png_compression when options.tiff_deflate (level 0: uncompressed), else uncompressed.
std::vector<std::uint8_t> EncodeTiff(const Image& image, const EncodeOptions& options);

}  // namespace prep360::internal
