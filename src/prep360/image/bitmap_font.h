#pragma once
// A tiny built-in bitmap font (prep360's own 5x7 glyphs, no font library) for labels drawn on
// pictures, e.g. view names on `prep360 rig show --picture`. Glyphs: a-z, A-Z, 0-9, '_', '-',
// '.', '+' and space; any other character draws as a hollow box.
#include <array>
#include <cstdint>
#include <string_view>

#include "prep360/image/image.h"

namespace prep360 {

inline constexpr int kGlyphWidth = 5, kGlyphHeight = 7;
// Glyph cells are one column wider than the glyphs: one blank column between characters.
inline constexpr int kGlyphAdvance = kGlyphWidth + 1;

// The glyph of `c`, top row first; bit 4 of each row is its leftmost pixel.
std::array<std::uint8_t, kGlyphHeight> GlyphRows(char c);
// True if `c` has its own glyph (not the box).
bool HasGlyph(char c);

// `text` as an 8-bit, 1-channel mask: 255 where ink, 0 elsewhere, each font pixel a `scale` x
// `scale` square (scale >= 1), (kGlyphAdvance * n - 1) * scale wide and kGlyphHeight * scale high
// for n characters. Empty text gives an empty image.
Image RenderText(std::string_view text, int scale);

}  // namespace prep360
