// FillEquirectBorder: the sphere's continuation around an equirect (declared in remap_table.h).
#include <cstring>
#include <string>

#include "prep360/reproject/remap_table.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// Border columns of row y: left = the last `b` interior columns, right = the first `b`.
void WrapColumns(Image& img, int y) {
  const int w = img.width(), b = img.border();
  const std::size_t bpp = img.bytes_per_pixel();
  const std::size_t n = static_cast<std::size_t>(b) * bpp;
  std::memcpy(img.PixelPtr(-b, y), img.PixelPtr(w - b, y), n);
  std::memcpy(img.PixelPtr(w, y), img.PixelPtr(0, y), n);
}

// Interior of row `dst` = interior of row `src` shifted by half a turn (W/2 columns).
void CopyRowHalfTurn(Image& img, int src, int dst) {
  const int w = img.width(), half = w / 2;
  const std::size_t bpp = img.bytes_per_pixel();
  // dst(x) = src((x + half) mod w)
  std::memcpy(img.PixelPtr(0, dst), img.PixelPtr(half, src), static_cast<std::size_t>(w - half) * bpp);
  std::memcpy(img.PixelPtr(w - half, dst), img.PixelPtr(0, src), static_cast<std::size_t>(half) * bpp);
}

}  // namespace

void FillEquirectBorder(Image& equirect) { FillEquirectBorder(equirect, RowRange{0, equirect.height()}); }

void FillEquirectBorder(Image& equirect, RowRange rows) {
  const int w = equirect.width(), h = equirect.height(), b = equirect.border();
  if (b == 0 || equirect.empty()) return;
  if (b > w || b > h) {
    throw Error("equirect " + std::to_string(w) + "x" + std::to_string(h) + ": border " + std::to_string(b) +
                " larger than the image");
  }
  if (rows.begin < 0 || rows.end > h) {
    throw Error("equirect border: rows [" + std::to_string(rows.begin) + ", " + std::to_string(rows.end) +
                ") outside 0.." + std::to_string(h));
  }
  if (rows.empty()) return;
  for (int y = rows.begin; y < rows.end; ++y) WrapColumns(equirect, y);
  // The mirrored rows copy rows 0..b-1 (h-b..h-1), which the range then holds when the image has
  // as many rows as the border; a shorter range at the edge is the caller's choice.
  for (int k = 0; k < b; ++k) {
    // Over the north pole: row -1-k continues row k, half a turn around.
    if (rows.begin == 0) {
      CopyRowHalfTurn(equirect, k, -1 - k);
      WrapColumns(equirect, -1 - k);
    }
    // Over the south pole: row h+k continues row h-1-k.
    if (rows.end == h) {
      CopyRowHalfTurn(equirect, h - 1 - k, h + k);
      WrapColumns(equirect, h + k);
    }
  }
}

}  // namespace prep360
