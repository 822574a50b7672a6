#pragma once
// JPEG through TurboJPEG (one handle per thread, never shared), and libjpeg-turbo's libjpeg API
// for partial decodes (internal to image_io).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/image/image_io.h"
#include "prep360/image/row_range.h"

namespace prep360::internal {

// Size and channels from the JPEG header. Throws Error naming `name` on bad data.
ImageInfo ReadJpegInfo(std::span<const std::uint8_t> bytes, const std::string& name);

// Decodes straight into the interior of a new image with `border` pixels of border: 8-bit RGB,
// or gray for a 1-component JPEG. Any TurboJPEG warning (e.g. truncated data) is an error.
Image DecodeJpeg(std::span<const std::uint8_t> bytes, const std::string& name, int border);

// Decodes at the smallest of TurboJPEG's DCT scaling factors (n/8) that gives at least
// min_width x min_height (of the stored image), or at full size when none smaller does; the IDCT
// then works on fewer coefficients, so a 3/8 decode costs well under half a full one.
// Same errors as DecodeJpeg.
Image DecodeJpegAtLeast(std::span<const std::uint8_t> bytes, const std::string& name, int min_width, int min_height);

// Decodes only rows `rows` (clamped to 0..height) through libjpeg's API: rows before rows.begin
// are skipped (entropy-decoded only, no IDCT/upsampling/colour conversion), rows from rows.end on
// are not decoded at all. The same samples as DecodeJpeg on those rows and the same errors (any
// libjpeg warning is an error); the other rows of the image are left unset. Damage that lies
// wholly after rows.end (e.g. a file truncated there) is not detected.
Image DecodeJpegRows(std::span<const std::uint8_t> bytes, const std::string& name, int border, RowRange rows);

// Encodes 1-, 3- or 4-channel images (alpha dropped); 16-bit input is rounded to 8-bit first.
std::vector<std::uint8_t> EncodeJpeg(const Image& image, const EncodeOptions& options);

}  // namespace prep360::internal
