#pragma once
// Test helpers for EXIF orientations (header-only, tests only): stored images made from an upright
// one with the EXIF 2.3 table of where the stored row 0 and column 0 are seen (independent of the
// decoder's own mapping), and TIFF-structured EXIF blocks holding an Orientation tag.
#include <array>
#include <cstdint>
#include <utility>
#include <vector>

#include "prep360/image/image.h"

namespace prep360::image_test {

// EXIF 2.3, tag 274: the side of the displayed image the stored row 0 and stored column 0 are on.
enum class ExifSide { kTop, kBottom, kLeft, kRight };
struct ExifLayout {
  ExifSide row0, column0;
};
inline constexpr std::array<ExifLayout, 9> kExifLayouts = {{{ExifSide::kTop, ExifSide::kLeft},  // (unused 0)
                                                            {ExifSide::kTop, ExifSide::kLeft},
                                                            {ExifSide::kTop, ExifSide::kRight},
                                                            {ExifSide::kBottom, ExifSide::kRight},
                                                            {ExifSide::kBottom, ExifSide::kLeft},
                                                            {ExifSide::kLeft, ExifSide::kTop},
                                                            {ExifSide::kRight, ExifSide::kTop},
                                                            {ExifSide::kRight, ExifSide::kBottom},
                                                            {ExifSide::kLeft, ExifSide::kBottom}}};

inline bool OrientationSwapsAxes(int o) {
  return kExifLayouts[o].row0 == ExifSide::kLeft || kExifLayouts[o].row0 == ExifSide::kRight;
}

// Where stored pixel (c, r) of a stored sw x sh image is displayed.
inline std::pair<int, int> DisplayedAt(int o, int c, int r, int sw, int sh) {
  const ExifLayout l = kExifLayouts[o];
  if (!OrientationSwapsAxes(o))
    return {l.column0 == ExifSide::kLeft ? c : sw - 1 - c, l.row0 == ExifSide::kTop ? r : sh - 1 - r};
  return {l.row0 == ExifSide::kLeft ? r : sh - 1 - r, l.column0 == ExifSide::kTop ? c : sw - 1 - c};
}

inline void CopyPixel(const Image& from, int fx, int fy, Image& to, int tx, int ty) {
  for (int k = 0; k < from.channels(); ++k) to.Set(tx, ty, k, from.At(fx, fy, k));
}

// The stored image whose display is `upright`.
inline Image StoreAs(const Image& upright, int o) {
  const int sw = OrientationSwapsAxes(o) ? upright.height() : upright.width();
  const int sh = OrientationSwapsAxes(o) ? upright.width() : upright.height();
  Image stored(sw, sh, upright.channels(), upright.bytes_per_sample());
  for (int r = 0; r < sh; ++r) {
    for (int c = 0; c < sw; ++c) {
      const auto [x, y] = DisplayedAt(o, c, r, sw, sh);
      CopyPixel(upright, x, y, stored, c, r);
    }
  }
  return stored;
}

// How `stored` is displayed.
inline Image Display(const Image& stored, int o) {
  const int sw = stored.width(), sh = stored.height();
  Image shown(OrientationSwapsAxes(o) ? sh : sw, OrientationSwapsAxes(o) ? sw : sh, stored.channels(),
              stored.bytes_per_sample());
  for (int r = 0; r < sh; ++r) {
    for (int c = 0; c < sw; ++c) {
      const auto [x, y] = DisplayedAt(o, c, r, sw, sh);
      CopyPixel(stored, c, r, shown, x, y);
    }
  }
  return shown;
}

// A TIFF-structured EXIF block: IFD0 with Make, then Orientation `o` of `type` (3 SHORT, 4 LONG).
inline std::vector<std::uint8_t> ExifBlock(int o, bool big_endian, std::uint16_t type = 3) {
  std::vector<std::uint8_t> b;
  auto put = [&](std::uint32_t v, int size) {
    for (int i = 0; i < size; ++i) {
      const int shift = 8 * (big_endian ? size - 1 - i : i);
      b.push_back(static_cast<std::uint8_t>(v >> shift));
    }
  };
  b.push_back(big_endian ? 'M' : 'I');
  b.push_back(big_endian ? 'M' : 'I');
  put(42, 2);
  put(8, 4);  // IFD0 right after the header
  put(2, 2);  // two entries
  put(0x010F, 2);
  put(2, 2);
  put(4, 4);
  for (char ch : {'a', 'b', 'c', '\0'}) b.push_back(static_cast<std::uint8_t>(ch));
  put(0x0112, 2);
  put(type, 2);
  put(1, 4);
  put(static_cast<std::uint32_t>(o), type == 3 ? 2 : 4);  // left-justified in the 4-byte field
  if (type == 3) put(0, 2);
  put(0, 4);  // no next IFD
  return b;
}

}  // namespace prep360::image_test
