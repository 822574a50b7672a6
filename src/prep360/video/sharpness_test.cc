#include "prep360/video/sharpness.h"

#include <gtest/gtest.h>

#include "prep360/testing/synthetic_video.h"
#include "prep360/testing/test_images.h"

namespace prep360 {
namespace {

using testkit::GreyOf;

TEST(SharpnessTest, FlatAndTinyPicturesScoreZero) {
  LumaThumbnail flat{64, 32, std::vector<std::uint8_t>(64 * 32, 128)};
  EXPECT_DOUBLE_EQ(Sharpness(flat), 0.0);
  LumaThumbnail tiny{2, 2, {0, 255, 255, 0}};
  EXPECT_DOUBLE_EQ(Sharpness(tiny), 0.0);
}

TEST(SharpnessTest, KnownLaplacianVariance) {
  // A checkerboard of 0/100: every interior Laplacian is ±400, mean 0, variance 160000.
  LumaThumbnail board{8, 8, {}};
  for (int y = 0; y < 8; ++y)
    for (int x = 0; x < 8; ++x) board.pixels.push_back((x + y) % 2 ? 100 : 0);
  EXPECT_DOUBLE_EQ(Sharpness(board), 160000.0);
}

TEST(SharpnessTest, BlurLowersTheScoreMonotonically) {
  testkit::SyntheticVideoOptions o;
  o.width = 512;
  o.height = 256;
  double previous = 1e30;
  for (int radius : {0, 1, 2, 4}) {
    o.blur_radius = [radius](int) { return radius; };
    const double s = Sharpness(GreyOf(testkit::RenderSyntheticFrame(o, 0)));
    EXPECT_LT(s, previous * 0.8) << "radius " << radius;
    previous = s;
  }
}

}  // namespace
}  // namespace prep360
