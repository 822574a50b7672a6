// PNG through the public image_io API, plus hand-built PNG files with known sample values.
#include <gtest/gtest.h>
#include <spng.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakePattern;
using testkit::SamePixels;

std::uint32_t Crc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc = 0) {
  crc = ~crc;
  for (std::size_t i = 0; i < size; ++i) {
    crc ^= data[i];
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return ~crc;
}

void PutBe32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

void Chunk(std::vector<std::uint8_t>& png, const char* type, const std::vector<std::uint8_t>& data) {
  PutBe32(png, static_cast<std::uint32_t>(data.size()));
  std::vector<std::uint8_t> body(type, type + 4);
  body.insert(body.end(), data.begin(), data.end());
  png.insert(png.end(), body.begin(), body.end());
  PutBe32(png, Crc32(body.data(), body.size()));
}

// A PNG whose IDAT is one stored (uncompressed) deflate block holding `raw` (filter bytes included).
std::vector<std::uint8_t> HandMadePng(std::uint32_t width, std::uint32_t height, std::uint8_t bit_depth,
                                      std::uint8_t color_type, const std::vector<std::uint8_t>& raw,
                                      const std::vector<std::uint8_t>& plte = {},
                                      const std::vector<std::uint8_t>& trns = {},
                                      std::uint8_t interlace = 0) {
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  PutBe32(ihdr, width);
  PutBe32(ihdr, height);
  ihdr.insert(ihdr.end(), {bit_depth, color_type, 0, 0, interlace});
  Chunk(png, "IHDR", ihdr);
  if (!plte.empty()) Chunk(png, "PLTE", plte);
  if (!trns.empty()) Chunk(png, "tRNS", trns);
  std::vector<std::uint8_t> z = {0x78, 0x01, 0x01};  // zlib header, final stored block
  const auto len = static_cast<std::uint16_t>(raw.size());
  z.insert(z.end(), {static_cast<std::uint8_t>(len & 0xFF), static_cast<std::uint8_t>(len >> 8),
                     static_cast<std::uint8_t>(~len & 0xFF), static_cast<std::uint8_t>((~len >> 8) & 0xFF)});
  z.insert(z.end(), raw.begin(), raw.end());
  std::uint32_t a = 1, b = 0;
  for (std::uint8_t v : raw) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  PutBe32(z, (b << 16) | a);
  Chunk(png, "IDAT", z);
  Chunk(png, "IEND", {});
  return png;
}

TEST(PngCodecTest, LosslessRoundTrip8And16BitAllChannelCounts) {
  for (int bytes_per_sample : {1, 2}) {
    for (int channels : {1, 3, 4}) {
      const Image image = MakePattern(53, 29, channels, bytes_per_sample);
      for (int level : {0, 1, 6}) {
        EncodeOptions options;
        options.png_compression = level;
        const auto bytes = EncodeImage(image, ImageFormat::kPng, options);
        const Image decoded = DecodeImage(bytes, "rt.png");
        EXPECT_TRUE(SamePixels(image, decoded))
            << "bps " << bytes_per_sample << " channels " << channels << " level " << level;
      }
    }
  }
}

TEST(PngCodecTest, EncodesFromBorderedRows) {
  const Image image = MakePattern(31, 17, 3, 2, /*border=*/4);
  const Image decoded = DecodeImage(EncodeImage(image, ImageFormat::kPng, {}), "b.png");
  EXPECT_EQ(decoded.border(), 0);
  EXPECT_TRUE(SamePixels(image, decoded));
}

TEST(PngCodecTest, HigherLevelIsSmaller) {
  const Image image = testkit::MakeSmooth(256, 128, 3);
  EncodeOptions fast, best;
  fast.png_compression = 1;
  best.png_compression = 9;
  const auto a = EncodeImage(image, ImageFormat::kPng, fast);
  const auto b = EncodeImage(image, ImageFormat::kPng, best);
  EXPECT_LE(b.size(), a.size());
  EncodeOptions stored;
  stored.png_compression = 0;
  EXPECT_GT(EncodeImage(image, ImageFormat::kPng, stored).size(), a.size());
}

TEST(PngCodecTest, SixteenBitFileIsBigEndianAndDecodesNativeEndian) {
  // Known answer both ways: a hand-made 2x1 16-bit gray PNG with samples 0x1234 and 0xABCD ...
  const std::vector<std::uint8_t> raw = {0, 0x12, 0x34, 0xAB, 0xCD};
  const Image decoded = DecodeImage(HandMadePng(2, 1, 16, 0, raw), "hand16.png");
  ASSERT_EQ(decoded.channels(), 1);
  ASSERT_EQ(decoded.bytes_per_sample(), 2);
  EXPECT_EQ(decoded.At(0, 0, 0), 0x1234u);
  EXPECT_EQ(decoded.At(1, 0, 0), 0xABCDu);
  // ... and our level-0 (stored, unfiltered) encoding of the same image holds exactly those bytes.
  EncodeOptions stored;
  stored.png_compression = 0;
  const auto bytes = EncodeImage(decoded, ImageFormat::kPng, stored);
  const std::uint8_t expected[] = {0, 0x12, 0x34, 0xAB, 0xCD};
  const auto it = std::search(bytes.begin(), bytes.end(), std::begin(expected), std::end(expected));
  EXPECT_NE(it, bytes.end());
}

TEST(PngCodecTest, Rgb16KnownSamples) {
  const std::vector<std::uint8_t> raw = {0, 0x01, 0x02, 0x03, 0x04, 0xFF, 0xFE};
  const Image decoded = DecodeImage(HandMadePng(1, 1, 16, 2, raw), "rgb16.png");
  ASSERT_EQ(decoded.channels(), 3);
  EXPECT_EQ(decoded.At(0, 0, 0), 0x0102u);
  EXPECT_EQ(decoded.At(0, 0, 1), 0x0304u);
  EXPECT_EQ(decoded.At(0, 0, 2), 0xFFFEu);
}

TEST(PngCodecTest, Adam7InterlacedDecodesIntoBorderedRows) {
  // 3x3 8-bit gray, pixel (x, y) = 10 y + x + 1, scanlines in Adam7 pass order:
  // pass 1 (0,0); pass 4 (2,0); pass 5 (0,2) (2,2); pass 6 (1,0), (1,2); pass 7 row 1.
  const std::vector<std::uint8_t> raw = {0, 1, 0, 3, 0, 21, 23, 0, 2, 0, 22, 0, 11, 12, 13};
  const auto png = HandMadePng(3, 3, 8, 0, raw, {}, {}, /*interlace=*/1);
  const Image image = DecodeImage(png, "adam7.png", /*border=*/2);
  for (int y = 0; y < 3; ++y) {
    for (int x = 0; x < 3; ++x)
      EXPECT_EQ(image.At(x, y, 0), static_cast<std::uint32_t>(10 * y + x + 1)) << x << "," << y;
  }
}

TEST(PngCodecTest, PaletteExpandsToRgbOrRgba) {
  const std::vector<std::uint8_t> plte = {10, 20, 30, 200, 150, 100};
  const std::vector<std::uint8_t> raw = {0, 0, 1, 1};  // 8-bit indices 0, 1, 1
  const Image rgb = DecodeImage(HandMadePng(3, 1, 8, 3, raw, plte), "pal.png");
  ASSERT_EQ(rgb.channels(), 3);
  EXPECT_EQ(rgb.At(0, 0, 0), 10u);
  EXPECT_EQ(rgb.At(0, 0, 2), 30u);
  EXPECT_EQ(rgb.At(2, 0, 1), 150u);
  const auto with_alpha = HandMadePng(3, 1, 8, 3, raw, plte, {77});
  EXPECT_EQ(ReadImageInfo(with_alpha, "pal_a.png").channels, 4);
  const Image rgba = DecodeImage(with_alpha, "pal_a.png");
  ASSERT_EQ(rgba.channels(), 4);
  EXPECT_EQ(rgba.At(0, 0, 3), 77u);   // index 0 has tRNS alpha 77
  EXPECT_EQ(rgba.At(1, 0, 3), 255u);  // index 1 has none: opaque
  EXPECT_EQ(rgba.At(1, 0, 0), 200u);
}

// Found by fuzz/image_header_fuzzer: a tiny file declaring a ~2 GB eXIf chunk made spng allocate
// that much before noticing the data was missing. Now the chunk is refused by its declared size.
TEST(PngCodecTest, HugeDeclaredMetadataChunkIsRefusedNotAllocated) {
  const std::vector<std::uint8_t> plte = {10, 20, 30, 200, 150, 100};
  const std::vector<std::uint8_t> good = HandMadePng(3, 1, 8, 3, {0, 0, 1, 1}, plte);
  std::vector<std::uint8_t> png(good.begin(), good.begin() + 33);  // signature + IHDR
  PutBe32(png, 0x76000000u);  // eXIf length (1.98 GB), followed by only a few bytes
  png.insert(png.end(), {'e', 'X', 'I', 'f', 'I', 'I', 42, 0, 8, 0, 0, 0});
  png.insert(png.end(), good.begin() + 33, good.end());
  try {
    DecodeImage(png, "big_exif.png");
    FAIL() << "decoded";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), std::string("big_exif.png: corrupt PNG data (") +
                                         spng_strerror(SPNG_ECHUNK_LIMITS) + ")");
  }
  // Palette images read chunks up to the first IDAT for the header too (tRNS).
  EXPECT_THROW(ReadImageInfo(png, "big_exif.png"), Error);
}

TEST(PngCodecTest, GrayAlphaExpandsToRgba) {
  const std::vector<std::uint8_t> raw = {0, 90, 33, 250, 0};
  const auto png = HandMadePng(2, 1, 8, 4, raw);
  const ImageInfo info = ReadImageInfo(png, "ga.png");
  EXPECT_EQ(info.channels, 4);
  const Image decoded = DecodeImage(png, "ga.png");
  ASSERT_EQ(decoded.channels(), 4);
  EXPECT_EQ(decoded.At(0, 0, 0), 90u);
  EXPECT_EQ(decoded.At(0, 0, 1), 90u);
  EXPECT_EQ(decoded.At(0, 0, 2), 90u);
  EXPECT_EQ(decoded.At(0, 0, 3), 33u);
  EXPECT_EQ(decoded.At(1, 0, 0), 250u);
  EXPECT_EQ(decoded.At(1, 0, 3), 0u);
}

TEST(PngCodecTest, LowBitGrayBecomes8BitGray) {
  // 1-bit gray, 8 pixels 10110000 -> 255, 0, 255, 255, 0, 0, 0, 0.
  const auto png = HandMadePng(8, 1, 1, 0, {0, 0xB0});
  const ImageInfo info = ReadImageInfo(png, "bits.png");
  EXPECT_EQ(info.channels, 1);
  EXPECT_EQ(info.bit_depth, 8);
  const Image decoded = DecodeImage(png, "bits.png");
  const std::uint32_t expected[8] = {255, 0, 255, 255, 0, 0, 0, 0};
  for (int x = 0; x < 8; ++x) EXPECT_EQ(decoded.At(x, 0, 0), expected[x]) << x;
}

std::uint32_t GetBe32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) | p[3];
}

TEST(PngCodecTest, Level1RoundTripsOddSizesAndBorders) {
  // Level 1 is the hand-built libdeflate encoder: every depth x channel count x awkward size decodes
  // (with spng) to exactly the input, including rows read from a bordered image.
  const int sizes[][2] = {{1, 1}, {1, 7}, {7, 1}, {2, 3}, {53, 29}, {257, 5}};
  for (int bytes_per_sample : {1, 2}) {
    for (int channels : {1, 3, 4}) {
      for (const auto& size : sizes) {
        for (int border : {0, 3}) {
          const Image image = MakePattern(size[0], size[1], channels, bytes_per_sample, border, 7);
          const auto bytes = EncodeImage(image, ImageFormat::kPng, {});
          const Image decoded = DecodeImage(bytes, "fast.png");
          EXPECT_TRUE(SamePixels(image, decoded)) << "bps " << bytes_per_sample << " channels " << channels
                                                  << " size " << size[0] << "x" << size[1] << " border " << border;
        }
      }
    }
  }
}

TEST(PngCodecTest, Level1ContainerIsSignatureIhdrIdatIend) {
  // Known answer for the container: chunk order, IHDR fields and every chunk's CRC.
  const Image image = MakePattern(5, 3, 4, 2);
  const auto png = EncodeImage(image, ImageFormat::kPng, {});
  const std::uint8_t signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  ASSERT_GT(png.size(), 8u);
  EXPECT_TRUE(std::equal(std::begin(signature), std::end(signature), png.begin()));
  std::vector<std::string> types;
  std::size_t at = 8;
  while (at + 12 <= png.size()) {
    const std::uint32_t length = GetBe32(&png[at]);
    ASSERT_LE(at + 12 + length, png.size());
    types.emplace_back(reinterpret_cast<const char*>(&png[at + 4]), 4);
    EXPECT_EQ(GetBe32(&png[at + 8 + length]), Crc32(&png[at + 4], length + 4)) << types.back();
    if (types.back() == "IHDR") {
      ASSERT_EQ(length, 13u);
      EXPECT_EQ(GetBe32(&png[at + 8]), 5u);
      EXPECT_EQ(GetBe32(&png[at + 12]), 3u);
      EXPECT_EQ(png[at + 16], 16);  // bit depth
      EXPECT_EQ(png[at + 17], 6);   // RGBA
      EXPECT_EQ(png[at + 18] | png[at + 19] | png[at + 20], 0);
    }
    at += 12 + length;
  }
  EXPECT_EQ(at, png.size());
  EXPECT_EQ(types, (std::vector<std::string>{"IHDR", "IDAT", "IEND"}));
}

TEST(PngCodecTest, Level1SixteenBitSamplesAreBigEndian) {
  // spng decodes to host order only if the file holds big-endian samples: a one-pixel-wide ramp
  // whose high and low bytes differ catches a swapped encoder.
  Image image(1, 4, 1, 2);
  const std::uint32_t values[4] = {0x1234, 0xABCD, 0x00FF, 0xFF00};
  for (int y = 0; y < 4; ++y) image.Set(0, y, 0, values[y]);
  const Image decoded = DecodeImage(EncodeImage(image, ImageFormat::kPng, {}), "be16.png");
  for (int y = 0; y < 4; ++y) EXPECT_EQ(decoded.At(0, y, 0), values[y]) << y;
}

TEST(PngCodecTest, Level1FlatAndRepetitiveImagesStaySmall) {
  // Huffman-only coding needs at least a bit a byte; flat and periodic content must still get LZ77.
  Image flat(640, 480, 3, 1);
  Image stripes(640, 480, 4, 2);
  for (int y = 0; y < 480; ++y) {
    for (int x = 0; x < 640; ++x) {
      for (int c = 0; c < 3; ++c) flat.Set(x, y, c, 40u + static_cast<std::uint32_t>(c));
      for (int c = 0; c < 4; ++c) stripes.Set(x, y, c, static_cast<std::uint32_t>(((x / 8) % 5) * 9000 + c * 77));
    }
  }
  for (const Image* image : {&flat, &stripes}) {
    const auto bytes = EncodeImage(*image, ImageFormat::kPng, {});
    const std::size_t raw = static_cast<std::size_t>(image->width()) * image->height() * image->bytes_per_pixel();
    EXPECT_LT(bytes.size(), raw / 100) << image->channels();
    EXPECT_TRUE(SamePixels(*image, DecodeImage(bytes, "flat.png")));
  }
}

TEST(PngCodecTest, Level1LimitsDeepHuffmanCodes) {
  // 16 common byte values plus a Fibonacci tail (counts 1, 2, 3, 5, ... 6765): with the end-of-block
  // symbol, unlimited Huffman code lengths reach 21 bits, past deflate's 15. One deflate block (under
  // 128 KiB), shuffled so that literal coding, not LZ77, is what is kept.
  std::vector<std::uint8_t> values;
  for (int v = 0; v < 16; ++v) values.insert(values.end(), 6000, static_cast<std::uint8_t>(v));
  for (int v = 16, a = 1, b = 2; v < 35; ++v, a = std::exchange(b, a + b)) {
    values.insert(values.end(), static_cast<std::size_t>(a), static_cast<std::uint8_t>(v));
  }
  std::uint32_t state = 7;
  for (std::size_t i = values.size() - 1; i > 0; --i) {
    state = state * 1664525u + 1013904223u;
    std::swap(values[i], values[(state >> 8) % (i + 1)]);
  }
  Image image(static_cast<int>(values.size()), 1, 1, 1);
  std::memcpy(image.Row(0), values.data(), values.size());
  const auto bytes = EncodeImage(image, ImageFormat::kPng, {});
  EXPECT_GT(bytes.size(), values.size() / 2);  // literal coding at ~4.4 bits a byte
  EXPECT_TRUE(SamePixels(image, DecodeImage(bytes, "deep.png")));
}

// The previous level-1 encoder (spng: Up filter on every row, zlib level 1 with Z_RLE), as reference.
std::vector<std::uint8_t> SpngUpRle(const Image& image) {
  std::vector<std::uint8_t> out;
  spng_ctx* ctx = spng_ctx_new(SPNG_CTX_ENCODER);
  spng_ihdr ihdr{};
  ihdr.width = static_cast<std::uint32_t>(image.width());
  ihdr.height = static_cast<std::uint32_t>(image.height());
  ihdr.bit_depth = static_cast<std::uint8_t>(image.bit_depth());
  ihdr.color_type = SPNG_COLOR_TYPE_TRUECOLOR;
  auto append = [](spng_ctx*, void* user, void* src, std::size_t length) {
    auto* v = static_cast<std::vector<std::uint8_t>*>(user);
    v->insert(v->end(), static_cast<std::uint8_t*>(src), static_cast<std::uint8_t*>(src) + length);
    return 0;
  };
  int ret = spng_set_png_stream(ctx, append, &out);
  if (ret == 0) ret = spng_set_ihdr(ctx, &ihdr);
  if (ret == 0) ret = spng_set_option(ctx, SPNG_IMG_COMPRESSION_LEVEL, 1);
  if (ret == 0) ret = spng_set_option(ctx, SPNG_FILTER_CHOICE, SPNG_FILTER_CHOICE_UP);
  if (ret == 0) ret = spng_set_option(ctx, SPNG_IMG_COMPRESSION_STRATEGY, 3);  // Z_RLE
  if (ret == 0) ret = spng_encode_image(ctx, nullptr, 0, SPNG_FMT_PNG, SPNG_ENCODE_PROGRESSIVE | SPNG_ENCODE_FINALIZE);
  const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * image.bytes_per_pixel();
  for (int y = 0; ret == 0 && y < image.height(); ++y) ret = spng_encode_row(ctx, image.Row(y), row_bytes);
  spng_ctx_free(ctx);
  EXPECT_EQ(ret, SPNG_EOI);
  return out;
}

TEST(PngCodecTest, Level1SizeWithinTenPercentOfSpngUpRle) {
  // Photo-like: the synthetic scene plus deterministic sensor-like noise of a few levels.
  Image image = prep360::testkit::RenderEquirect(768, 384, 3, 1, /*supersample=*/1);
  std::uint32_t state = 12345;
  for (int y = 0; y < image.height(); ++y) {
    for (int x = 0; x < image.width(); ++x) {
      for (int c = 0; c < 3; ++c) {
        state = state * 1664525u + 1013904223u;
        const int noise = static_cast<int>(state >> 29) - 3;  // -3..4
        image.Set(x, y, c, static_cast<std::uint32_t>(std::clamp(static_cast<int>(image.At(x, y, c)) + noise, 0, 255)));
      }
    }
  }
  const auto fast = EncodeImage(image, ImageFormat::kPng, {});
  const auto old = SpngUpRle(image);
  EXPECT_TRUE(SamePixels(image, DecodeImage(fast, "photo.png")));
  std::printf("photo-like 768x384: level 1 %zu bytes, spng Up+Z_RLE %zu bytes\n", fast.size(), old.size());
  EXPECT_LE(static_cast<double>(fast.size()), 1.10 * static_cast<double>(old.size()))
      << "new " << fast.size() << " old " << old.size();
}

}  // namespace
}  // namespace prep360
