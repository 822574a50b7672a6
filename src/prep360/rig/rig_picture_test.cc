#include "prep360/rig/rig_picture.h"

#include <gtest/gtest.h>

#include <cmath>

#include "prep360/geometry/equirect.h"
#include "prep360/image/bitmap_font.h"
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

int CountColour(const Image& img, const std::array<std::uint8_t, 3>& c) {
  int n = 0;
  for (int y = 0; y < img.height(); ++y) {
    for (int x = 0; x < img.width(); ++x) n += PixelAt(img, x, y) == c ? 1 : 0;
  }
  return n;
}

// Each view's name in kLabelInk near its centre (below it, above it for the nadir); none with
// labels off, where the picture is otherwise the same.
TEST(RigPictureTest, LabelsNearEachViewCentre) {
  const Rig rig = MakePreset("cube6");
  const int w = 1024;
  const Image on = DrawRigPicture(rig, w);
  const Image off = DrawRigPicture(rig, w, nullptr, /*labels=*/false);
  EXPECT_EQ(CountColour(off, kLabelInk), 0);
  for (const View& v : rig.views) {
    const auto [cx, cy] = CentrePixel(v, w);
    int below = 0, above = 0;
    for (int dy = 1; dy <= 25; ++dy) {
      for (int dx = -20; dx <= 20; ++dx) {
        const int x = ((cx + dx) % w + w) % w;
        if (cy + dy < w / 2 && PixelAt(on, x, cy + dy) == kLabelInk) ++below;
        if (cy - dy >= 0 && PixelAt(on, x, cy - dy) == kLabelInk) ++above;
      }
    }
    const bool nadir = v.pitch_deg < -89;
    EXPECT_GT(nadir ? above : below, 20) << v.name;
    EXPECT_EQ(nadir ? below : above, 0) << v.name;
  }
  // Labels change pixels only near the centres.
  for (int y = 0; y < w / 2; ++y) {
    for (int x = 0; x < w; ++x) {
      if (PixelAt(on, x, y) == PixelAt(off, x, y)) continue;
      bool near = false;
      for (const View& v : rig.views) {
        const auto [cx, cy] = CentrePixel(v, w);
        const int dx = std::min(std::abs(x - cx), w - std::abs(x - cx));
        near = near || (dx <= 25 && std::abs(y - cy) <= 25);
      }
      ASSERT_TRUE(near) << x << "," << y;
    }
  }
}

// The label is the font's rendering of the name at the picture's scale, centred on the centre
// column, just below the dot, on an outline; nothing else is in the label colour.
TEST(RigPictureTest, LabelIsTheRenderedName) {
  EXPECT_EQ(LabelScale(720), 1);
  EXPECT_EQ(LabelScale(2048), 2);
  for (int w : {720, 2048}) {
    Rig rig;
    rig.views = {View{"Ab_1.x-Z", 30, 20, 0, 60, 0, 0}};
    const Image img = DrawRigPicture(rig, w);
    const int scale = LabelScale(w);
    const Image mask = RenderText(rig.views[0].name, scale);
    int mask_ink = 0;
    for (int y = 0; y < mask.height(); ++y) {
      for (int x = 0; x < mask.width(); ++x) mask_ink += mask.At(x, y, 0) != 0 ? 1 : 0;
    }
    const auto [cx, cy] = CentrePixel(rig.views[0], w);
    auto matches = [&](int ox, int oy) {
      for (int y = 0; y < mask.height(); ++y) {
        for (int x = 0; x < mask.width(); ++x) {
          if ((PixelAt(img, ox + x, oy + y) == kLabelInk) != (mask.At(x, y, 0) != 0)) return false;
        }
      }
      return true;
    };
    int found_x = -1, found_y = -1;
    for (int oy = cy; oy <= cy + 30; ++oy) {
      for (int ox = cx - mask.width() / 2 - 1; ox <= cx - mask.width() / 2 + 1; ++ox) {
        if (matches(ox, oy)) {
          found_x = ox;
          found_y = oy;
        }
      }
    }
    ASSERT_GE(found_y, 0) << w;
    EXPECT_GT(found_y, cy + std::max(3, w / 200)) << w;  // below the dot
    EXPECT_EQ(CountColour(img, kLabelInk), mask_ink) << w;
    // 'A' has ink down its left column: the outline runs beside it.
    EXPECT_EQ(PixelAt(img, found_x - 1, found_y + 3 * scale), kLabelOutline) << w;
  }
}

TEST(RigPictureTest, RejectsBadWidth) {
  EXPECT_THROW(DrawRigPicture(Rig{}, 15), Error);
  EXPECT_THROW(DrawRigPicture(Rig{}, 101), Error);
}

}  // namespace
}  // namespace prep360
