#pragma once
// The EXIF Orientation tag (TIFF tag 274) of an image file, read without exiv2: from the first
// "Exif\0\0" APP1 segment of a JPEG, the eXIf chunk of a PNG (before IDAT), or IFD0 of a TIFF.
// image_io applies it at decode; metadata reports the same value (SourceMetadata::orientation).
#include <cstdint>
#include <span>

namespace prep360::internal {

// 1..8 as EXIF defines them; 1 (upright) when the file has no tag, or one that cannot be read or
// is out of range. Never throws.
int ReadExifOrientation(std::span<const std::uint8_t> file_bytes);

// The Orientation of a TIFF-structured block (the payload of a JPEG EXIF APP1 after "Exif\0\0",
// a PNG eXIf chunk, or a whole TIFF file), classic or BigTIFF, either byte order; 1 as above.
int ReadTiffOrientation(std::span<const std::uint8_t> tiff);

}  // namespace prep360::internal
