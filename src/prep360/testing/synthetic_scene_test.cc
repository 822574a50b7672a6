#include "prep360/testing/synthetic_scene.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "prep360/geometry/equirect.h"
#include "prep360/reproject/interpolation.h"

namespace prep360::testkit {
namespace {

TEST(SyntheticSceneTest, ColoursStayInRangeAndVary) {
  double lo = 1, hi = 0;
  for (int i = 0; i < 2000; ++i) {
    const Vec3 d = DirectionFromEquirect(i * 0.618 * 97, (i * 0.377) - std::floor(i * 0.377), 97, 1);
    const Rgb c = SceneColor(d * 3.0);  // any length
    for (double v : {c.r, c.g, c.b, SceneAlpha(d)}) {
      ASSERT_GE(v, 0.05);
      ASSERT_LE(v, 0.95);
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
  }
  EXPECT_LT(lo, 0.25);
  EXPECT_GT(hi, 0.75);
}

TEST(SyntheticSceneTest, EquirectPixelsAverageTheScene) {
  const Image img = RenderEquirect(64, 32, 3, 2, 1);
  ASSERT_EQ(img.width(), 64);
  ASSERT_EQ(img.bytes_per_sample(), 2);
  // With one sample per pixel, pixel (i, j) is the colour at its centre.
  const Rgb c = SceneColor(DirectionFromEquirect(10.5, 20.5, 64, 32));
  EXPECT_EQ(img.At(10, 20, 0), static_cast<std::uint32_t>(std::lround(c.r * 65535)));
  EXPECT_EQ(img.At(10, 20, 2), static_cast<std::uint32_t>(std::lround(c.b * 65535)));
  // With 2x2 samples, the mean over the pixel's four quarter centres.
  const Image fine = RenderEquirect(64, 32, 3, 2, 2);
  double g = 0;
  for (double dv : {0.25, 0.75}) {
    for (double du : {0.25, 0.75}) g += SceneColor(DirectionFromEquirect(10 + du, 20 + dv, 64, 32)).g / 4;
  }
  EXPECT_EQ(fine.At(10, 20, 1), static_cast<std::uint32_t>(std::lround(g * 65535)));
}

TEST(SyntheticSceneTest, ChannelLayouts) {
  const Image rgb = RenderEquirect(32, 16, 3, 1, 1);
  const Image gray = RenderEquirect(32, 16, 1, 1, 1);
  const Image rgba = RenderEquirect(32, 16, 4, 1, 1, kEquirectBorder);
  const Vec3 d = DirectionFromEquirect(5.5, 7.5, 32, 16);
  const Rgb c = SceneColor(d);
  EXPECT_EQ(gray.At(5, 7, 0),
            static_cast<std::uint32_t>(std::lround((0.299 * c.r + 0.587 * c.g + 0.114 * c.b) * 255)));
  EXPECT_EQ(rgba.At(5, 7, 1), rgb.At(5, 7, 1));
  EXPECT_EQ(rgba.At(5, 7, 3), static_cast<std::uint32_t>(std::lround(SceneAlpha(d) * 255)));
  EXPECT_EQ(rgba.At(-1, 7, 0), rgba.At(31, 7, 0));  // border filled
}

TEST(SyntheticSceneTest, ViewCentreLooksAlongTheOpticalAxis) {
  View v;
  v.yaw_deg = 90;
  v.pitch_deg = 30;
  v.width = 33;
  v.height = 21;
  const Image img = RenderView(v, 3, 2, 1);
  // Centre pixel of an odd-sized view: the axis, pano_from_cam * (0, 0, 1).
  const Rgb c = SceneColor(v.PanoFromCam() * Vec3{0, 0, 1});
  EXPECT_EQ(img.At(16, 10, 0), static_cast<std::uint32_t>(std::lround(c.r * 65535)));
  EXPECT_EQ(img.At(16, 10, 1), static_cast<std::uint32_t>(std::lround(c.g * 65535)));
}

TEST(SyntheticSceneTest, PsnrAndMaxAbsDiff) {
  Image a(20, 10, 3, 1), b(20, 10, 3, 1);
  a.Fill(100);
  b.Fill(100);
  EXPECT_EQ(Psnr(a, b, 0), std::numeric_limits<double>::infinity());
  b.Set(0, 0, 0, 200);  // outside a margin of 1
  EXPECT_EQ(Psnr(a, b, 1), std::numeric_limits<double>::infinity());
  EXPECT_EQ(MaxAbsDiff(a, b, 0), 100);
  EXPECT_EQ(MaxAbsDiff(a, b, 1), 0);
  b.Fill(110);  // error 10 everywhere: 20 log10(255 / 10)
  EXPECT_NEAR(Psnr(a, b, 2), 20 * std::log10(25.5), 1e-9);
  Image c(20, 10, 1, 1);
  EXPECT_THROW(Psnr(a, c, 0), std::invalid_argument);
  EXPECT_THROW(Psnr(a, b, 5), std::invalid_argument);
}

}  // namespace
}  // namespace prep360::testkit
