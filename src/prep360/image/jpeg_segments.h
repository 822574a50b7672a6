#pragma once
// Splicing metadata segments into a JPEG stream without re-encoding (internal to metadata).
#include <cstdint>
#include <string>
#include <vector>

namespace prep360::internal {

// Returns `jpeg` with an "Exif\0\0" APP1 holding `exif_tiff` (a TIFF-structured EXIF block) and an
// XMP APP1 holding `xmp_packet`, placed right after SOI (after a leading JFIF APP0, which must
// come first). Existing EXIF and XMP APP1 segments are dropped; everything else is copied as is.
// An empty `exif_tiff` or `xmp_packet` adds no segment. Throws Error on a malformed marker
// sequence or a block too big for one segment.
std::vector<std::uint8_t> InsertJpegMetadata(const std::vector<std::uint8_t>& jpeg,
                                             const std::vector<std::uint8_t>& exif_tiff,
                                             const std::string& xmp_packet);

}  // namespace prep360::internal
