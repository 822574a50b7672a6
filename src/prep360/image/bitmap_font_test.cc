#include "prep360/image/bitmap_font.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

// The mask as rows of '#' (ink) and '.' (paper).
std::vector<std::string> Picture(const Image& mask) {
  std::vector<std::string> rows;
  for (int y = 0; y < mask.height(); ++y) {
    std::string row;
    for (int x = 0; x < mask.width(); ++x)
      row += mask.At(x, y, 0) == 255 ? '#' : mask.At(x, y, 0) == 0 ? '.' : '?';
    rows.push_back(row);
  }
  return rows;
}

TEST(BitmapFontTest, KnownGlyphs) {
  EXPECT_EQ(GlyphRows('A'), (std::array<std::uint8_t, 7>{0x0E, 0x11, 0x11, 0x1F, 0x11, 0x11, 0x11}));
  EXPECT_EQ(GlyphRows('_'), (std::array<std::uint8_t, 7>{0, 0, 0, 0, 0, 0, 0x1F}));
  EXPECT_EQ(GlyphRows(' '), (std::array<std::uint8_t, 7>{}));
  // No glyph: a hollow box.
  EXPECT_FALSE(HasGlyph('%'));
  EXPECT_EQ(GlyphRows('%'), (std::array<std::uint8_t, 7>{0x1F, 0x11, 0x11, 0x11, 0x11, 0x11, 0x1F}));
}

TEST(BitmapFontTest, RendersTextAtScale) {
  EXPECT_EQ(Picture(RenderText("c1", 1)), (std::vector<std::string>{
                                              "........#..",
                                              ".......##..",
                                              ".###....#..",
                                              "#.......#..",
                                              "#.......#..",
                                              "#...#...#..",
                                              ".###...###.",
                                          }));
  const Image big = RenderText("L-", 2);
  EXPECT_EQ(big.width(), 22);
  EXPECT_EQ(big.height(), 14);
  EXPECT_EQ(big.channels(), 1);
  EXPECT_EQ(Picture(big), (std::vector<std::string>{
                              "##....................",
                              "##....................",
                              "##....................",
                              "##....................",
                              "##....................",
                              "##....................",
                              "##..........##########",
                              "##..........##########",
                              "##....................",
                              "##....................",
                              "##....................",
                              "##....................",
                              "##########............",
                              "##########............",
                          }));
  EXPECT_TRUE(RenderText("", 3).empty());
  EXPECT_THROW(RenderText("a", 0), Error);
}

// Every character view names use has its own glyph, with ink, unlike any other glyph.
TEST(BitmapFontTest, NameCharactersHaveDistinctGlyphs) {
  std::string chars = "_-.";
  for (char c = 'a'; c <= 'z'; ++c) chars += c;
  for (char c = 'A'; c <= 'Z'; ++c) chars += c;
  for (char c = '0'; c <= '9'; ++c) chars += c;
  std::map<std::array<std::uint8_t, 7>, char> seen;
  const auto box = GlyphRows('\x01');
  for (char c : chars) {
    EXPECT_TRUE(HasGlyph(c)) << c;
    const auto rows = GlyphRows(c);
    EXPECT_NE(rows, box) << c;
    EXPECT_NE(rows, (std::array<std::uint8_t, 7>{})) << c;
    for (std::uint8_t r : rows) EXPECT_LT(r, 32) << c;  // 5 columns
    const auto [it, fresh] = seen.emplace(rows, c);
    EXPECT_TRUE(fresh) << c << " looks like " << it->second;
  }
}

}  // namespace
}  // namespace prep360
