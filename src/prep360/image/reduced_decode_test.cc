#include "prep360/image/reduced_decode.h"

#include <cmath>
#include <cstdlib>

#include <gtest/gtest.h>

#include "prep360/image/image_io.h"

namespace prep360 {
namespace {

// A smooth gradient (so a reduced decode is close to an average of the full one).
Image Gradient(int w, int h) {
  Image image(w, h, 3, 1);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      image.Set(x, y, 0, static_cast<std::uint32_t>(255 * x / (w - 1)));
      image.Set(x, y, 1, static_cast<std::uint32_t>(255 * y / (h - 1)));
      image.Set(x, y, 2, 128);
    }
  return image;
}

TEST(ReducedDecodeTest, JpegDecodesAtTheSmallestDctScaleCoveringTheRequest) {
  const std::vector<std::uint8_t> jpeg = EncodeImage(Gradient(1920, 1080), ImageFormat::kJpeg, EncodeOptions{});
  const Image full = DecodeImage(jpeg, "g.jpg");
  // A 640x640 letterbox reads 640x360 of it: 3/8 (720x405) is the smallest scale at least that.
  const Image small = DecodeImageAtLeast(jpeg, "g.jpg", 640, 360);
  EXPECT_EQ(small.width(), 720);
  EXPECT_EQ(small.height(), 405);
  EXPECT_EQ(DecodeImageAtLeast(jpeg, "g.jpg", 1000, 10).width(), 1200);  // 5/8: 1/2 is 960 wide
  EXPECT_EQ(DecodeImageAtLeast(jpeg, "g.jpg", 100, 100).width(), 240);    // 1/8
  EXPECT_EQ(DecodeImageAtLeast(jpeg, "g.jpg", 1920, 1080).width(), 1920);
  EXPECT_EQ(DecodeImageAtLeast(jpeg, "g.jpg", 4000, 4000).width(), 1920);  // never larger
  // The reduced pixels are the full image's, resampled: within a few levels of the nearest full pixel.
  double diff = 0;
  for (int y = 0; y < small.height(); ++y)
    for (int x = 0; x < small.width(); ++x)
      for (int c = 0; c < 3; ++c) {
        const int fx = std::min(1919, static_cast<int>((x + 0.5) * 1920 / 720));
        const int fy = std::min(1079, static_cast<int>((y + 0.5) * 1080 / 405));
        diff += std::abs(static_cast<int>(small.At(x, y, c)) - static_cast<int>(full.At(fx, fy, c)));
      }
  EXPECT_LT(diff / (720.0 * 405 * 3), 2.0);
}

TEST(ReducedDecodeTest, PngDecodesAtFullSize) {
  const std::vector<std::uint8_t> png = EncodeImage(Gradient(320, 200), ImageFormat::kPng, EncodeOptions{});
  const Image image = DecodeImageAtLeast(png, "g.png", 40, 25);
  EXPECT_EQ(image.width(), 320);
  EXPECT_EQ(image.height(), 200);
}

TEST(ReducedDecodeTest, BadDataIsTheUsualOneLineError) {
  std::vector<std::uint8_t> jpeg = EncodeImage(Gradient(640, 480), ImageFormat::kJpeg, EncodeOptions{});
  jpeg.resize(jpeg.size() / 2);
  try {
    DecodeImageAtLeast(jpeg, "cut.jpg", 80, 60);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind("cut.jpg: ", 0), 0u) << e.what();
  }
}

}  // namespace
}  // namespace prep360
