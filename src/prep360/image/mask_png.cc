#include "prep360/image/mask_png.h"

#include <optional>
#include <utility>

#include "prep360/image/image_io.h"
#include "prep360/image/png_codec.h"

namespace prep360 {

std::vector<std::uint8_t> EncodeMaskPng(const Image& mask) {
  std::optional<std::vector<std::uint8_t>> bilevel = internal::EncodeBilevelPng(mask);
  if (bilevel) return std::move(*bilevel);
  return internal::EncodePng(mask, EncodeOptions{});
}

}  // namespace prep360
