#pragma once
// The EXIF prep360 writes into view images (internal to metadata): focal length stated against a
// nominal 36 mm sensor width, pixel dimensions, capture time and GPS copied from the source.
#include <cstdint>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // exiv2 0.27 uses std::auto_ptr
#include <exiv2/exif.hpp>
#pragma GCC diagnostic pop

#include "prep360/image/metadata.h"

namespace prep360::internal {

// Nearest unsigned rational with a power-of-ten denominator up to 10^6 that fits 32 bits,
// reduced. Negative and non-finite values give 0/1.
Exiv2::URational ToURational(double value);

// The EXIF tags of one view (see EmbedViewMetadata in metadata.h). focal_px 0 (a panorama):
// no focal length and no focal-plane resolution.
Exiv2::ExifData BuildExifData(const ViewMetadata& meta);

// BuildExifData encoded as a little-endian TIFF structure, the payload of a JPEG "Exif\0\0" APP1.
std::vector<std::uint8_t> BuildExifBlock(const ViewMetadata& meta);

}  // namespace prep360::internal
