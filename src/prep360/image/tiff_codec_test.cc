// TIFF through the public image_io API, plus files written with libtiff directly (tiles,
// gray+alpha, min-is-white, palette, big-endian) with known sample values.
#include <gtest/gtest.h>
#include <tiffio.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakePattern;
using testkit::SamePixels;
using testkit::TempDir;

TEST(TiffCodecTest, LosslessRoundTrip8And16BitAllChannelCounts) {
  for (bool deflate : {true, false}) {
    for (int bytes_per_sample : {1, 2}) {
      for (int channels : {1, 3, 4}) {
        const Image image = MakePattern(61, 37, channels, bytes_per_sample, /*border=*/2);
        EncodeOptions options;
        options.tiff_deflate = deflate;
        const auto bytes = EncodeImage(image, ImageFormat::kTiff, options);
        const ImageInfo info = ReadImageInfo(bytes, "rt.tif");
        EXPECT_EQ(info.channels, channels);
        EXPECT_EQ(info.bit_depth, 8 * bytes_per_sample);
        const Image decoded = DecodeImage(bytes, "rt.tif");
        EXPECT_TRUE(SamePixels(image, decoded))
            << "deflate " << deflate << " bps " << bytes_per_sample << " channels " << channels;
      }
    }
  }
}

TEST(TiffCodecTest, DeflateIsSmallerThanUncompressed) {
  const Image image = testkit::MakeSmooth(128, 64, 3);
  EncodeOptions none;
  none.tiff_deflate = false;
  const auto raw = EncodeImage(image, ImageFormat::kTiff, none);
  const auto packed = EncodeImage(image, ImageFormat::kTiff, {});
  EXPECT_GE(raw.size(), 128u * 64u * 3u);
  EXPECT_LT(packed.size(), raw.size() / 2);
}

// Writes a one-directory TIFF with libtiff. `samples` holds width*height*spp values of `bps` bits.
struct TiffSpec {
  std::uint32_t width = 0, height = 0;
  std::uint16_t spp = 1, bps = 8, photometric = PHOTOMETRIC_MINISBLACK;
  bool tiled = false;
  bool big_endian = false;
  std::vector<std::uint16_t> extra;
  std::vector<std::uint16_t> colormap;  // 3 * 2^bps entries for palette images
};

void WriteTiff(const std::string& path, const TiffSpec& spec, const std::vector<std::uint16_t>& samples) {
  TIFF* tif = TIFFOpen(path.c_str(), spec.big_endian ? "wb" : "wl");
  ASSERT_NE(tif, nullptr);
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, spec.width);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, spec.height);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, spec.spp);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, spec.bps);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, spec.photometric);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_NONE);
  if (!spec.extra.empty()) {
    TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, static_cast<std::uint16_t>(spec.extra.size()), spec.extra.data());
  }
  if (!spec.colormap.empty()) {
    const std::size_t n = spec.colormap.size() / 3;
    std::vector<std::uint16_t> map = spec.colormap;
    TIFFSetField(tif, TIFFTAG_COLORMAP, map.data(), map.data() + n, map.data() + 2 * n);
  }
  const std::size_t bytes_per_sample = spec.bps == 16 ? 2 : 1;
  auto pack = [&](std::uint32_t x0, std::uint32_t y, std::uint32_t count, std::uint8_t* out) {
    for (std::uint32_t i = 0; i < count * spec.spp; ++i) {
      const std::uint16_t v = samples[(y * spec.width + x0) * spec.spp + i];
      if (bytes_per_sample == 2) {
        std::memcpy(out + 2 * i, &v, 2);
      } else {
        out[i] = static_cast<std::uint8_t>(v);
      }
    }
  };
  if (spec.tiled) {
    const std::uint32_t tile = 16;
    TIFFSetField(tif, TIFFTAG_TILEWIDTH, tile);
    TIFFSetField(tif, TIFFTAG_TILELENGTH, tile);
    std::vector<std::uint8_t> buffer(static_cast<std::size_t>(TIFFTileSize(tif)));
    for (std::uint32_t ty = 0; ty < spec.height; ty += tile) {
      for (std::uint32_t tx = 0; tx < spec.width; tx += tile) {
        std::fill(buffer.begin(), buffer.end(), 0);
        for (std::uint32_t r = 0; r < tile && ty + r < spec.height; ++r) {
          const std::uint32_t cols = std::min(tile, spec.width - tx);
          pack(tx, ty + r, cols, buffer.data() + r * tile * spec.spp * bytes_per_sample);
        }
        ASSERT_GE(TIFFWriteTile(tif, buffer.data(), tx, ty, 0, 0), 0);
      }
    }
  } else if (spec.bps < 8) {
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, spec.height);
    const std::size_t row_bytes = (spec.width * spec.bps + 7) / 8;
    for (std::uint32_t y = 0; y < spec.height; ++y) {
      std::vector<std::uint8_t> row(row_bytes, 0);
      for (std::uint32_t x = 0; x < spec.width; ++x) {
        const std::uint32_t bit = x * spec.bps;
        row[bit / 8] |= static_cast<std::uint8_t>(samples[y * spec.width + x] << (8 - spec.bps - bit % 8));
      }
      ASSERT_EQ(TIFFWriteScanline(tif, row.data(), y, 0), 1);
    }
  } else {
    TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 3u);
    std::vector<std::uint8_t> row(spec.width * spec.spp * bytes_per_sample);
    for (std::uint32_t y = 0; y < spec.height; ++y) {
      pack(0, y, spec.width, row.data());
      ASSERT_EQ(TIFFWriteScanline(tif, row.data(), y, 0), 1);
    }
  }
  TIFFClose(tif);
}

std::vector<std::uint16_t> Ramp(std::size_t count, std::uint32_t mask, std::uint32_t mul = 2654435761u) {
  std::vector<std::uint16_t> v(count);
  for (std::size_t i = 0; i < count; ++i) v[i] = static_cast<std::uint16_t>(((i + 1) * mul >> 7) & mask);
  return v;
}

TEST(TiffCodecTest, BigEndian16BitKnownSamples) {
  TempDir dir;
  TiffSpec spec;
  spec.width = 3;
  spec.height = 2;
  spec.spp = 3;
  spec.bps = 16;
  spec.photometric = PHOTOMETRIC_RGB;
  spec.big_endian = true;
  const auto samples = Ramp(18, 0xFFFF);
  const std::string path = dir / "mm.tif";
  WriteTiff(path, spec, samples);
  const auto bytes = ReadFileBytes(path);
  ASSERT_EQ(bytes[0], 'M');
  const Image image = ReadImage(path);
  ASSERT_EQ(image.channels(), 3);
  ASSERT_EQ(image.bytes_per_sample(), 2);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) {
      for (int c = 0; c < 3; ++c) EXPECT_EQ(image.At(x, y, c), samples[(y * 3 + x) * 3 + c]);
    }
  }
}

TEST(TiffCodecTest, TiledImagesDecodeIncludingPartialEdgeTiles) {
  TempDir dir;
  for (std::uint16_t bps : {8, 16}) {
    TiffSpec spec;
    spec.width = 37;  // 3 tiles across, the last partial
    spec.height = 20;
    spec.spp = 4;
    spec.bps = bps;
    spec.photometric = PHOTOMETRIC_RGB;
    spec.tiled = true;
    spec.extra = {EXTRASAMPLE_UNASSALPHA};
    const auto samples = Ramp(37 * 20 * 4, bps == 8 ? 0xFF : 0xFFFF);
    const std::string path = dir / ("tiled" + std::to_string(bps) + ".tif");
    WriteTiff(path, spec, samples);
    const Image image = ReadImage(path, /*border=*/3);
    ASSERT_EQ(image.channels(), 4);
    ASSERT_EQ(image.bit_depth(), bps);
    bool same = true;
    for (int y = 0; y < 20; ++y) {
      for (int x = 0; x < 37; ++x) {
        for (int c = 0; c < 4; ++c) same &= image.At(x, y, c) == samples[(y * 37 + x) * 4 + c];
      }
    }
    EXPECT_TRUE(same) << bps;
  }
}

TEST(TiffCodecTest, GrayAlphaExpandsToRgba) {
  TempDir dir;
  TiffSpec spec;
  spec.width = 2;
  spec.height = 1;
  spec.spp = 2;
  spec.bps = 16;
  spec.extra = {EXTRASAMPLE_ASSOCALPHA};
  const std::string path = dir / "ga.tif";
  WriteTiff(path, spec, {1000, 60000, 7, 8});
  EXPECT_EQ(ReadImageInfo(path).channels, 4);
  const Image image = ReadImage(path);
  ASSERT_EQ(image.channels(), 4);
  EXPECT_EQ(image.At(0, 0, 0), 1000u);
  EXPECT_EQ(image.At(0, 0, 2), 1000u);
  EXPECT_EQ(image.At(0, 0, 3), 60000u);
  EXPECT_EQ(image.At(1, 0, 1), 7u);
  EXPECT_EQ(image.At(1, 0, 3), 8u);
}

TEST(TiffCodecTest, MinIsWhiteIsInverted) {
  TempDir dir;
  TiffSpec spec;
  spec.width = 3;
  spec.height = 1;
  spec.photometric = PHOTOMETRIC_MINISWHITE;
  const std::string path = dir / "white.tif";
  WriteTiff(path, spec, {0, 55, 255});
  const Image image = ReadImage(path);
  ASSERT_EQ(image.channels(), 1);
  EXPECT_EQ(image.At(0, 0, 0), 255u);
  EXPECT_EQ(image.At(1, 0, 0), 200u);
  EXPECT_EQ(image.At(2, 0, 0), 0u);
}

TEST(TiffCodecTest, PaletteExpandsTo8BitRgb) {
  TempDir dir;
  TiffSpec spec;
  spec.width = 3;
  spec.height = 1;
  spec.bps = 2;
  spec.photometric = PHOTOMETRIC_PALETTE;
  // 4 entries: red, green, blue planes of 16-bit values.
  spec.colormap = {0xFFFF, 0, 0x8080, 0, /*g*/ 0, 0xFFFF, 0x4040, 0, /*b*/ 0, 0, 0x2020, 0xFFFF};
  const std::string path = dir / "pal.tif";
  WriteTiff(path, spec, {0, 2, 3});
  const ImageInfo info = ReadImageInfo(path);
  EXPECT_EQ(info.channels, 3);
  EXPECT_EQ(info.bit_depth, 8);
  const Image image = ReadImage(path);
  ASSERT_EQ(image.channels(), 3);
  EXPECT_EQ(image.At(0, 0, 0), 255u);
  EXPECT_EQ(image.At(0, 0, 1), 0u);
  EXPECT_EQ(image.At(1, 0, 0), 0x80u);
  EXPECT_EQ(image.At(1, 0, 1), 0x40u);
  EXPECT_EQ(image.At(1, 0, 2), 0x20u);
  EXPECT_EQ(image.At(2, 0, 2), 255u);
}

TEST(TiffCodecTest, FloatSamplesAreRejectedNamingFile) {
  TempDir dir;
  const std::string path = dir / "float.tif";
  TIFF* tif = TIFFOpen(path.c_str(), "w");
  ASSERT_NE(tif, nullptr);
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, 2u);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, 1u);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, 1);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, 32);
  TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, SAMPLEFORMAT_IEEEFP);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, PHOTOMETRIC_MINISBLACK);
  float row[2] = {0.5f, 1.0f};
  TIFFWriteScanline(tif, row, 0, 0);
  TIFFClose(tif);
  try {
    ReadImage(path);
    FAIL() << "expected Error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("sample format"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace prep360
