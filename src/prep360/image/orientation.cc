#include "prep360/image/orientation.h"

#include <algorithm>
#include <cstddef>
#include <cstring>

namespace prep360::internal {
namespace {

// Displayed pixel (x, y) is stored pixel (sx, sy) with sx = ax * x + bx * y + cx and
// sy = ay * x + by * y + cy.
struct Mapping {
  int ax, bx, cx, ay, by, cy;
};

Mapping MappingFor(int orientation, int sw, int sh) {
  switch (orientation) {
    case 2:
      return {-1, 0, sw - 1, 0, 1, 0};
    case 3:
      return {-1, 0, sw - 1, 0, -1, sh - 1};
    case 4:
      return {1, 0, 0, 0, -1, sh - 1};
    case 5:
      return {0, 1, 0, 1, 0, 0};
    case 6:
      return {0, 1, 0, -1, 0, sh - 1};
    case 7:
      return {0, -1, sw - 1, -1, 0, sh - 1};
    case 8:
      return {0, -1, sw - 1, 1, 0, 0};
    default:
      return {1, 0, 0, 0, 1, 0};
  }
}

// Copies displayed rows [y0, y1) in 64 x 64 tiles (transposes read stored columns: tiles keep
// them in cache). `step_x` / `step_y`: bytes between the stored pixels of neighbouring displayed
// pixels; `origin`: the stored pixel of displayed (0, 0).
template <std::size_t kPixelBytes>
void CopyTiles(Image& out, int y0, int y1, const std::uint8_t* origin, std::ptrdiff_t step_x,
               std::ptrdiff_t step_y) {
  constexpr int kTile = 64;
  for (int ty = y0; ty < y1; ty += kTile) {
    const int ty_end = std::min(y1, ty + kTile);
    for (int tx = 0; tx < out.width(); tx += kTile) {
      const int tx_end = std::min(out.width(), tx + kTile);
      for (int y = ty; y < ty_end; ++y) {
        std::uint8_t* dst = out.PixelPtr(tx, y);
        const std::uint8_t* src = origin + y * step_y + tx * step_x;
        for (int x = tx; x < tx_end; ++x, dst += kPixelBytes, src += step_x)
          std::memcpy(dst, src, kPixelBytes);
      }
    }
  }
}

}  // namespace

RowRange StoredRows(int orientation, RowRange rows, int height, int stored_height) {
  const int begin = std::clamp(rows.begin, 0, height);
  const int end = std::clamp(rows.end, begin, height);
  switch (orientation) {
    case 3:
    case 4:
      return {height - end, height - begin};
    case 5:
    case 6:
    case 7:
    case 8:
      return {0, stored_height};
    default:
      return {begin, end};
  }
}

Image OrientImage(const Image& stored, int orientation, int border, RowRange rows) {
  const bool swap = SwapsAxes(orientation);
  const int width = swap ? stored.height() : stored.width();
  const int height = swap ? stored.width() : stored.height();
  Image out(width, height, stored.channels(), stored.bytes_per_sample(), border);
  const int y0 = std::clamp(rows.begin, 0, height);
  const int y1 = std::clamp(rows.end, y0, height);
  if (y0 == y1) return out;
  const Mapping m = MappingFor(orientation, stored.width(), stored.height());
  const auto pixel = static_cast<std::ptrdiff_t>(stored.bytes_per_pixel());
  const auto stride = static_cast<std::ptrdiff_t>(stored.stride());
  const std::uint8_t* origin = stored.PixelPtr(m.cx, m.cy);
  const std::ptrdiff_t step_x = m.ax * pixel + m.ay * stride;
  const std::ptrdiff_t step_y = m.bx * pixel + m.by * stride;
  switch (stored.bytes_per_pixel()) {
    case 1:
      CopyTiles<1>(out, y0, y1, origin, step_x, step_y);
      break;
    case 2:
      CopyTiles<2>(out, y0, y1, origin, step_x, step_y);
      break;
    case 3:
      CopyTiles<3>(out, y0, y1, origin, step_x, step_y);
      break;
    case 4:
      CopyTiles<4>(out, y0, y1, origin, step_x, step_y);
      break;
    case 6:
      CopyTiles<6>(out, y0, y1, origin, step_x, step_y);
      break;
    default:
      CopyTiles<8>(out, y0, y1, origin, step_x, step_y);
      break;
  }
  return out;
}

}  // namespace prep360::internal
