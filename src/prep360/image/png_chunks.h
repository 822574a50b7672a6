#pragma once
// Splicing metadata chunks into a PNG stream without re-encoding (internal to metadata).
#include <cstdint>
#include <string>
#include <vector>

namespace prep360::internal {

// Returns `png` with an eXIf chunk holding `exif_tiff` (a TIFF-structured EXIF block) and an iTXt
// "XML:com.adobe.xmp" chunk holding `xmp_packet` right after IHDR. Existing EXIF/XMP chunks
// (eXIf, iTXt XMP, ImageMagick-style "Raw profile type exif/xmp" text chunks) are dropped;
// everything else is copied as is. An empty block adds no chunk. Throws Error on malformed data.
std::vector<std::uint8_t> InsertPngMetadata(const std::vector<std::uint8_t>& png,
                                            const std::vector<std::uint8_t>& exif_tiff,
                                            const std::string& xmp_packet);

// The CRC-32 of PNG chunks (ISO 3309, as zlib's crc32), continuing from `crc`.
std::uint32_t PngCrc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0);

}  // namespace prep360::internal
