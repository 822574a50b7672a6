#include "prep360/rig/rig_picture.h"

#include <gtest/gtest.h>

#include <cmath>

#include "prep360/geometry/equirect.h"
#include "prep360/rig/presets.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

std::array<std::uint8_t, 3> PixelAt(const Image& img, int x, int y) {
  return {static_cast<std::uint8_t>(img.At(x, y, 0)), static_cast<std::uint8_t>(img.At(x, y, 1)),
          static_cast<std::uint8_t>(img.At(x, y, 2))};
}

// True if any pixel within `r` of (x, y) (x wrapping) has colour c.
bool ColourNear(const Image& img, int x, int y, const std::array<std::uint8_t, 3>& c, int r = 1) {
  for (int dy = -r; dy <= r; ++dy) {
    for (int dx = -r; dx <= r; ++dx) {
      const int yy = y + dy;
      if (yy < 0 || yy >= img.height()) continue;
      const int xx = ((x + dx) % img.width() + img.width()) % img.width();
      if (PixelAt(img, xx, yy) == c) return true;
    }
  }
  return false;
}

std::pair<int, int> CentrePixel(const View& v, int w) {
  const EquirectPoint p = EquirectFromDirection(v.PanoFromCam() * Vec3{0, 0, 1}, w, w / 2);
  return {static_cast<int>(std::floor(p.u)), std::min(w / 2 - 1, static_cast<int>(std::floor(p.v)))};
}

TEST(RigPictureTest, SizeAndViewCentreColours) {
  for (const char* name : {"default11", "cube6", "seed24", "fibonacci:30"}) {
    const Rig rig = MakePreset(name);
    const Image img = DrawRigPicture(rig, 1024);
    EXPECT_EQ(img.width(), 1024);
    EXPECT_EQ(img.height(), 512);
    EXPECT_EQ(img.channels(), 3);
    EXPECT_EQ(img.bit_depth(), 8);
    for (std::size_t i = 0; i < rig.views.size(); ++i) {
      const auto [x, y] = CentrePixel(rig.views[i], 1024);
      EXPECT_EQ(PixelAt(img, x, y), ViewColour(static_cast<int>(i))) << name << " " << rig.views[i].name;
    }
  }
}

TEST(RigPictureTest, ColoursAreDistinct) {
  for (int i = 0; i < 24; ++i) {
    for (int j = i + 1; j < 24; ++j) EXPECT_NE(ViewColour(i), ViewColour(j)) << i << " " << j;
  }
}

// One 50-degree view at yaw 0: its top edge crosses the centre column at latitude 25; pixels away
// from the outline keep the background; the grid is drawn every 30 degrees.
TEST(RigPictureTest, OutlineAndGrid) {
  Rig rig;
  rig.views = {View{"a", 0, 0, 0, 50, 0, 0}};
  const int w = 720, h = 360;
  const Image img = DrawRigPicture(rig, w);
  const auto colour = ViewColour(0);
  const int top_edge_row = static_cast<int>(std::floor((90.0 - 25.0) / 180.0 * h));
  EXPECT_TRUE(ColourNear(img, w / 2, top_edge_row, colour));
  EXPECT_TRUE(ColourNear(img, w / 2, h - 1 - top_edge_row, colour));  // bottom edge
  EXPECT_FALSE(ColourNear(img, w / 2, top_edge_row - 10, colour, 3));
  const auto empty = PixelAt(img, 100, 100);
  EXPECT_EQ(PixelAt(img, 5, 5), empty);
  EXPECT_NE(PixelAt(img, 60, 100), empty);   // longitude -150: a grid line
  EXPECT_NE(PixelAt(img, 100, 60), empty);   // latitude +60: a grid line
  EXPECT_NE(PixelAt(img, 100, 180), empty);  // the equator
}

// A view straddling the +-180 degree seam is drawn on both borders, with no stray line across.
TEST(RigPictureTest, SeamCrossingOutline) {
  Rig rig;
  rig.views = {View{"back", 180, 0, 0, 50, 0, 0}};
  const int w = 720, h = 360;
  const Image img = DrawRigPicture(rig, w);
  const auto colour = ViewColour(0);
  const int top_edge_row = static_cast<int>(std::floor((90.0 - 25.0) / 180.0 * h));
  EXPECT_TRUE(ColourNear(img, 0, top_edge_row, colour));
  EXPECT_TRUE(ColourNear(img, w - 1, top_edge_row, colour));
  for (int x = w / 4; x < 3 * w / 4; ++x) {
    for (int y = 0; y < h; ++y) ASSERT_NE(PixelAt(img, x, y), colour) << x << "," << y;
  }
}

TEST(RigPictureTest, BackgroundResampledNearest) {
  Image bg(8, 4, 3, 1);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 8; ++x) {
      bg.Set(x, y, 0, static_cast<std::uint32_t>(x * 30));
      bg.Set(x, y, 1, static_cast<std::uint32_t>(y * 60));
      bg.Set(x, y, 2, 7);
    }
  }
  Rig rig;  // no views: background and grid only
  const Image img = DrawRigPicture(rig, 80, &bg);
  // Picture pixel (15, 10) -> source (1, 1); (75, 30) -> (7, 3). (Off the grid lines.)
  EXPECT_EQ(PixelAt(img, 15, 10), (std::array<std::uint8_t, 3>{30, 60, 7}));
  EXPECT_EQ(PixelAt(img, 75, 30), (std::array<std::uint8_t, 3>{210, 180, 7}));
  // Gray and 16-bit backgrounds work too.
  Image gray16(4, 2, 1, 2);
  gray16.Fill(0x8000);
  EXPECT_EQ(PixelAt(DrawRigPicture(rig, 40, &gray16), 4, 4), (std::array<std::uint8_t, 3>{128, 128, 128}));
}

TEST(RigPictureTest, RejectsBadWidth) {
  EXPECT_THROW(DrawRigPicture(Rig{}, 15), Error);
  EXPECT_THROW(DrawRigPicture(Rig{}, 101), Error);
}

}  // namespace
}  // namespace prep360
