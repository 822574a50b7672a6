#include "prep360/testing/text_render.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numbers>
#include <stdexcept>

#include <ft2build.h>
#include FT_FREETYPE_H

namespace prep360::testkit {
namespace {

struct Face {
  FT_Library library = nullptr;
  FT_Face face = nullptr;
  Face() {
    if (FT_Init_FreeType(&library) != 0) throw std::runtime_error("FreeType: cannot initialise");
    if (FT_New_Face(library, TestFontPath().c_str(), 0, &face) != 0) {
      throw std::runtime_error(TestFontPath() + ": cannot load the font (install fonts-dejavu-core)");
    }
  }
  ~Face() {
    FT_Done_Face(face);
    FT_Done_FreeType(library);
  }
  Face(const Face&) = delete;
  Face& operator=(const Face&) = delete;
};

}  // namespace

std::string TestFontPath() { return "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"; }

Image RenderTextLine(const std::string& text, int pixel_size, int margin) {
  Face f;
  FT_Set_Pixel_Sizes(f.face, 0, static_cast<FT_UInt>(pixel_size));
  const int ascender = static_cast<int>(f.face->size->metrics.ascender >> 6);
  const int descender = static_cast<int>(-(f.face->size->metrics.descender >> 6));
  int advance = 0;
  for (const char ch : text) {
    if (FT_Load_Char(f.face, static_cast<FT_ULong>(static_cast<unsigned char>(ch)), FT_LOAD_DEFAULT) != 0) continue;
    advance += static_cast<int>(f.face->glyph->advance.x >> 6);
  }
  Image image(advance + 2 * margin, ascender + descender + 2 * margin, 3, 1);
  image.Fill(255);
  int pen = margin;
  const int baseline = margin + ascender;
  for (const char ch : text) {
    if (FT_Load_Char(f.face, static_cast<FT_ULong>(static_cast<unsigned char>(ch)), FT_LOAD_RENDER) != 0) continue;
    const FT_GlyphSlot g = f.face->glyph;
    for (unsigned r = 0; r < g->bitmap.rows; ++r) {
      for (unsigned c = 0; c < g->bitmap.width; ++c) {
        const int x = pen + g->bitmap_left + static_cast<int>(c);
        const int y = baseline - g->bitmap_top + static_cast<int>(r);
        if (x < 0 || y < 0 || x >= image.width() || y >= image.height()) continue;
        const std::uint8_t ink = g->bitmap.buffer[static_cast<std::ptrdiff_t>(r) * g->bitmap.pitch + c];
        for (int k = 0; k < 3; ++k) image.Set(x, y, k, std::min(image.At(x, y, k), 255u - ink));
      }
    }
    pen += static_cast<int>(g->advance.x >> 6);
  }
  return image;
}

Image RotateOntoCanvas(const Image& image, double degrees, int canvas_width, int canvas_height) {
  Image out(canvas_width, canvas_height, 3, 1);
  out.Fill(255);
  const double a = degrees * std::numbers::pi / 180.0, ca = std::cos(a), sa = std::sin(a);
  const double icx = image.width() / 2.0, icy = image.height() / 2.0;
  const double ocx = canvas_width / 2.0, ocy = canvas_height / 2.0;
  for (int y = 0; y < canvas_height; ++y) {
    for (int x = 0; x < canvas_width; ++x) {
      // Counter-clockwise on screen (y down) maps the output back to the source with the inverse turn.
      const double dx = x + 0.5 - ocx, dy = y + 0.5 - ocy;
      const double sx = ca * dx - sa * dy + icx - 0.5, sy = sa * dx + ca * dy + icy - 0.5;
      if (sx < 0 || sy < 0 || sx > image.width() - 1 || sy > image.height() - 1) continue;
      const int x0 = static_cast<int>(sx), y0 = static_cast<int>(sy);
      const int x1 = std::min(x0 + 1, image.width() - 1), y1 = std::min(y0 + 1, image.height() - 1);
      const double fx = sx - x0, fy = sy - y0;
      for (int k = 0; k < 3; ++k) {
        const double top = image.At(x0, y0, k) * (1 - fx) + image.At(x1, y0, k) * fx;
        const double bottom = image.At(x0, y1, k) * (1 - fx) + image.At(x1, y1, k) * fx;
        out.Set(x, y, k, static_cast<std::uint32_t>(std::lround(top * (1 - fy) + bottom * fy)));
      }
    }
  }
  return out;
}

void Paste(const Image& image, Image& canvas, int x, int y) {
  for (int r = 0; r < image.height(); ++r) {
    std::copy(image.Row(r), image.Row(r) + static_cast<std::ptrdiff_t>(image.width()) * 3, canvas.PixelPtr(x, y + r));
  }
}

}  // namespace prep360::testkit
