// JPEG through the public image_io API: round trips, quality and subsampling, 16-bit input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::Compare;
using testkit::MakeSmooth;

EncodeOptions Jpeg(int quality, bool subsample_420 = true) {
  EncodeOptions options;
  options.jpeg_quality = quality;
  options.jpeg_subsampling = subsample_420 ? ChromaSubsampling::k420 : ChromaSubsampling::k444;
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
  const Image image = testkit::MakePattern(96, 96, 3, 1);
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

// Band decodes (libjpeg API, skipped rows) give exactly the samples of the full decode.
TEST(JpegCodecTest, RowRangeDecodeEqualsFullDecodeOnTheRows) {
  constexpr int kW = 203, kH = 157;  // not multiples of the 8/16-row MCUs
  for (int channels : {1, 3}) {
    for (bool subsample_420 : {true, false}) {
      if (channels == 1 && !subsample_420) continue;
      const std::vector<std::uint8_t> bytes =
          EncodeImage(testkit::MakePattern(kW, kH, channels, 1), ImageFormat::kJpeg, Jpeg(90, subsample_420));
      const Image full = DecodeImage(bytes, "full.jpg", 4);
      for (const RowRange rows : {RowRange{0, kH}, RowRange{0, 1}, RowRange{0, 37}, RowRange{5, 77},
                                  RowRange{16, 32}, RowRange{17, 31}, RowRange{15, 157}, RowRange{100, 157},
                                  RowRange{156, 157}, RowRange{-5, 300}, RowRange{40, 40}}) {
        SCOPED_TRACE(testing::Message() << channels << " ch, 420 " << subsample_420 << ", rows " << rows.begin
                                        << ".." << rows.end);
        const Image band = DecodeImage(bytes, "band.jpg", 4, rows);
        ASSERT_EQ(band.width(), kW);
        ASSERT_EQ(band.height(), kH);
        ASSERT_EQ(band.channels(), channels);
        ASSERT_EQ(band.border(), 4);
        const std::size_t row_bytes = static_cast<std::size_t>(kW) * static_cast<std::size_t>(channels);
        for (int y = std::max(rows.begin, 0); y < std::min(rows.end, kH); ++y) {
          ASSERT_EQ(std::memcmp(band.Row(y), full.Row(y), row_bytes), 0) << "row " << y;
        }
      }
    }
  }
}

TEST(JpegCodecTest, RowRangeDecodeReportsErrorsLikeTheFullDecode) {
  const std::vector<std::uint8_t> bytes =
      EncodeImage(testkit::MakePattern(64, 256, 3, 1), ImageFormat::kJpeg, Jpeg(90));
  std::vector<std::uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(bytes.size() / 2));
  const auto message = [&](RowRange rows) {
    try {
      DecodeImage(cut, "cut.jpg", 0, rows);
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  // Rows that reach past the cut: the same error as the full decode.
  EXPECT_NE(message({200, 256}).find("truncated JPEG data"), std::string::npos) << message({200, 256});
  EXPECT_NE(message({100, 250}).find("cut.jpg"), std::string::npos);
  // Rows wholly before the damage decode (damage after the range is not looked at).
  EXPECT_EQ(message({0, 16}), "no error");
  // Not a JPEG at all: the header error of the full decode.
  const std::vector<std::uint8_t> junk = {0xFF, 0xD8, 0xFF, 0x00, 0x01, 0x02};
  EXPECT_THROW(DecodeImage(junk, "junk.jpg", 0, RowRange{0, 4}), Error);
}

}  // namespace
}  // namespace prep360
