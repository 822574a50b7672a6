// JPEG through the public image_io API: round trips, quality and subsampling, 16-bit input.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/image/image_test_util.h"

namespace prep360 {
namespace {

using image_test::Compare;
using image_test::MakeSmooth;

EncodeOptions Jpeg(int quality, bool subsample_420 = true) {
  EncodeOptions options;
  options.jpeg_quality = quality;
  options.jpeg_subsample_420 = subsample_420;
  return options;
}

TEST(JpegCodecTest, RgbRoundTripWithinTolerance) {
  const Image image = MakeSmooth(128, 96, 3);
  const std::vector<std::uint8_t> bytes = EncodeImage(image, ImageFormat::kJpeg, Jpeg(95));
  ASSERT_GE(bytes.size(), 4u);
  EXPECT_EQ(bytes[0], 0xFF);
  EXPECT_EQ(bytes[1], 0xD8);
  const Image decoded = DecodeImage(bytes, "rt.jpg");
  ASSERT_EQ(decoded.width(), 128);
  ASSERT_EQ(decoded.height(), 96);
  ASSERT_EQ(decoded.channels(), 3);
  ASSERT_EQ(decoded.bytes_per_sample(), 1);
  const auto diff = Compare(image, decoded, 3);
  EXPECT_LT(diff.mean_abs, 1.5);
  EXPECT_LE(diff.max_abs, 16);
}

TEST(JpegCodecTest, GrayStaysGray) {
  const Image image = MakeSmooth(64, 40, 1);
  const Image decoded = DecodeImage(EncodeImage(image, ImageFormat::kJpeg, Jpeg(95)), "g.jpg");
  ASSERT_EQ(decoded.channels(), 1);
  const auto diff = Compare(image, decoded, 1);
  EXPECT_LT(diff.mean_abs, 1.0);
  EXPECT_LE(diff.max_abs, 8);
}

TEST(JpegCodecTest, RgbaEncodesColourAndDropsAlpha) {
  Image image = MakeSmooth(48, 32, 4);
  for (int y = 0; y < 32; ++y) {
    for (int x = 0; x < 48; ++x) image.Set(x, y, 3, static_cast<std::uint32_t>(x * 5));
  }
  const Image decoded = DecodeImage(EncodeImage(image, ImageFormat::kJpeg, Jpeg(95)), "a.jpg");
  ASSERT_EQ(decoded.channels(), 3);
  EXPECT_LT(Compare(image, decoded, 3).mean_abs, 1.5);
}

TEST(JpegCodecTest, QualityControlsSizeAndError) {
  const Image image = image_test::MakePattern(96, 96, 3, 1);
  const auto low = EncodeImage(image, ImageFormat::kJpeg, Jpeg(40));
  const auto high = EncodeImage(image, ImageFormat::kJpeg, Jpeg(95));
  EXPECT_LT(low.size() * 2, high.size());
  const auto err_low = Compare(image, DecodeImage(low, "low"), 3).mean_abs;
  const auto err_high = Compare(image, DecodeImage(high, "high"), 3).mean_abs;
  EXPECT_LT(err_high, err_low);
}

TEST(JpegCodecTest, Subsampling444KeepsChromaDetail) {
  // Alternating red/blue columns: 4:2:0 averages the chroma of neighbouring columns away.
  Image image(64, 64, 3, 1);
  for (int y = 0; y < 64; ++y) {
    for (int x = 0; x < 64; ++x) {
      const bool red = x % 2 == 0;
      image.Set(x, y, 0, red ? 220 : 30);
      image.Set(x, y, 1, 60);
      image.Set(x, y, 2, red ? 30 : 220);
    }
  }
  const auto b420 = EncodeImage(image, ImageFormat::kJpeg, Jpeg(95, true));
  const auto b444 = EncodeImage(image, ImageFormat::kJpeg, Jpeg(95, false));
  EXPECT_NE(b420, b444);
  const auto err420 = Compare(image, DecodeImage(b420, "420"), 3).mean_abs;
  const auto err444 = Compare(image, DecodeImage(b444, "444"), 3).mean_abs;
  EXPECT_LT(err444, 10.0);
  EXPECT_GT(err420, 3 * err444);
}

TEST(JpegCodecTest, SixteenBitInputIsRoundedTo8BitOnce) {
  // Constant 16-bit planes whose exact 8-bit value is known: (v * 255 + 32767) / 65535.
  const std::uint32_t values[3] = {0x0000, 0x8080, 0xFFFF};  // -> 0, 128, 255
  Image image(32, 16, 3, 2);
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 32; ++x) {
      for (int c = 0; c < 3; ++c) image.Set(x, y, c, values[c]);
    }
  }
  const Image decoded = DecodeImage(EncodeImage(image, ImageFormat::kJpeg, Jpeg(100, false)), "16.jpg");
  ASSERT_EQ(decoded.bytes_per_sample(), 1);
  EXPECT_NEAR(static_cast<int>(decoded.At(5, 5, 0)), 0, 1);
  EXPECT_NEAR(static_cast<int>(decoded.At(5, 5, 1)), 128, 1);
  EXPECT_NEAR(static_cast<int>(decoded.At(5, 5, 2)), 255, 1);
  // Same bytes as encoding the equivalent 8-bit image.
  Image eight(32, 16, 3, 1);
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 32; ++x) {
      for (int c = 0; c < 3; ++c) eight.Set(x, y, c, (values[c] * 255 + 32767) / 65535);
    }
  }
  EXPECT_EQ(EncodeImage(image, ImageFormat::kJpeg, Jpeg(90)),
            EncodeImage(eight, ImageFormat::kJpeg, Jpeg(90)));
}

TEST(JpegCodecTest, EncodesFromBorderedRows) {
  const Image plain = MakeSmooth(40, 30, 3);
  Image bordered(40, 30, 3, 1, 5);
  bordered.Fill(0);
  for (int y = 0; y < 30; ++y) {
    for (int x = 0; x < 40; ++x) {
      for (int c = 0; c < 3; ++c) bordered.Set(x, y, c, plain.At(x, y, c));
    }
  }
  // Border bytes must not leak into the output.
  for (int y = -5; y < 35; ++y) {
    for (int c = 0; c < 3; ++c) {
      bordered.Set(-1, y, c, 255);
      bordered.Set(40, y, c, 255);
    }
  }
  EXPECT_EQ(EncodeImage(plain, ImageFormat::kJpeg, Jpeg(95)),
            EncodeImage(bordered, ImageFormat::kJpeg, Jpeg(95)));
}

TEST(JpegCodecTest, ThreadsEncodeAndDecodeIndependently) {
  const Image image = MakeSmooth(200, 120, 3);
  const auto reference = EncodeImage(image, ImageFormat::kJpeg, Jpeg(90));
  std::vector<std::thread> threads;
  std::vector<int> ok(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      int good = 0;
      for (int i = 0; i < 20; ++i) {
        const auto bytes = EncodeImage(image, ImageFormat::kJpeg, Jpeg(90));
        const Image decoded = DecodeImage(bytes, "t.jpg");
        good += bytes == reference && decoded.width() == 200;
      }
      ok[t] = good;
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(ok[t], 20);
}

}  // namespace
}  // namespace prep360
