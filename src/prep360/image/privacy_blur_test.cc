#include "prep360/image/privacy_blur.h"

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/testing/real_photos.h"
#include "prep360/testing/ssim.h"

namespace prep360 {
namespace {

using testkit::kAstronautFace;

TEST(PrivacyBlur, AFaceLosesItsStructureAndNothingOutsideChanges) {
  const Image photo = ReadImage(testkit::SkimagePhoto("astronaut.png"));
  Image blurred = photo.Clone();
  const BlurRegion face = {0.5 * (kAstronautFace.x0 + kAstronautFace.x1), 0.5 * (kAstronautFace.y0 + kAstronautFace.y1),
                           0.6 * (kAstronautFace.x1 - kAstronautFace.x0), 0.6 * (kAstronautFace.y1 - kAstronautFace.y0)};
  BlurRegions(blurred, {face});
  const double ssim = testkit::Ssim(photo, blurred, static_cast<int>(kAstronautFace.x0), static_cast<int>(kAstronautFace.y0),
                                    static_cast<int>(kAstronautFace.x1), static_cast<int>(kAstronautFace.y1));
  EXPECT_LE(ssim, 0.3);
  EXPECT_DOUBLE_EQ(testkit::Ssim(photo, photo, 0, 0, 64, 64), 1.0);
  // Outside the ellipse and its 20 % fade band every pixel is the original.
  int changed_outside = 0;
  for (int y = 0; y < photo.height(); ++y) {
    for (int x = 0; x < photo.width(); ++x) {
      const double dx = (x + 0.5 - face.cx) / face.rx, dy = (y + 0.5 - face.cy) / face.ry;
      if (dx * dx + dy * dy <= 1.2 * 1.2) continue;
      for (int c = 0; c < photo.channels(); ++c) changed_outside += photo.At(x, y, c) != blurred.At(x, y, c);
    }
  }
  EXPECT_EQ(changed_outside, 0);
}

TEST(PrivacyBlur, WorksOn16BitAndClipsAtTheEdges) {
  Image img(40, 30, 1, 2);
  for (int y = 0; y < 30; ++y) for (int x = 0; x < 40; ++x) img.Set(x, y, 0, ((x / 2 + y / 2) % 2) * 60000u);
  const Image before = img.Clone();
  BlurRegions(img, {{0, 0, 12, 12}, {50, 50, 0, 3}});  // a corner region; a degenerate one is ignored
  // Inside the region the checkerboard is flattened towards its mean; far away it is untouched.
  EXPECT_GT(img.At(2, 2, 0), 10000u);
  EXPECT_LT(img.At(2, 2, 0), 50000u);
  EXPECT_EQ(img.At(39, 29, 0), before.At(39, 29, 0));
}

}  // namespace
}  // namespace prep360
