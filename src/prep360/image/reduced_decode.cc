#include "prep360/image/reduced_decode.h"

#include <limits>
#include <utility>

#include "prep360/image/image_io.h"
#include "prep360/image/jpeg_codec.h"
#include "prep360/image/orientation.h"

namespace prep360 {

Image DecodeImageAtLeast(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors, int min_width,
                         int min_height) {
  const ImageInfo full = ReadImageInfo(bytes, name_for_errors);
  if (full.format != ImageFormat::kJpeg || (min_width >= full.width && min_height >= full.height)) {
    return DecodeImage(bytes, name_for_errors);
  }
  if (internal::SwapsAxes(full.orientation)) std::swap(min_width, min_height);  // stored axes
  Image stored = internal::DecodeJpegAtLeast(bytes, name_for_errors, min_width, min_height);
  if (full.orientation == 1) return stored;
  return internal::OrientImage(stored, full.orientation, 0, RowRange{0, std::numeric_limits<int>::max()});
}

}  // namespace prep360
