// EXIF orientation: every image is decoded upright. Stored images are made here from an upright
// 2:1 panorama with the EXIF table of where the stored row 0 and column 0 are seen, independently
// of the decoder's own mapping, tagged (JPEG APP1, PNG eXIf, TIFF IFD0), and decoded.
#include <gtest/gtest.h>
#include <tiffio.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

#include "prep360/image/exif_orientation.h"
#include "prep360/image/image_io.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/testing/test_images.h"
#include "prep360/image/jpeg_segments.h"
#include "prep360/image/metadata.h"
#include "prep360/image/orientation_test_util.h"
#include "prep360/image/png_chunks.h"

namespace prep360 {
namespace {

using image_test::Display;
using image_test::ExifBlock;
using testkit::SamePixels;
using image_test::StoreAs;
using testkit::TempDir;

std::vector<std::uint8_t> TaggedJpeg(const Image& stored, int o, bool big_endian = false) {
  EncodeOptions q100;
  q100.jpeg_quality = 100;
  q100.jpeg_subsampling = ChromaSubsampling::k444;
  return internal::InsertJpegMetadata(EncodeImage(stored, ImageFormat::kJpeg, q100), ExifBlock(o, big_endian),
                                      "");
}

std::vector<std::uint8_t> TaggedPng(const Image& stored, int o) {
  return internal::InsertPngMetadata(EncodeImage(stored, ImageFormat::kPng, {}), ExifBlock(o, true), "");
}

// An upright 2:1 panorama, 70x35 (partial JPEG blocks on both axes).
Image Upright() { return testkit::MakeSmooth(70, 35, 3); }

TEST(ExifOrientationTest, ReadsTheTagFromEachContainer) {
  const Image img = testkit::MakeSmooth(16, 8, 3);
  const auto jpeg = EncodeImage(img, ImageFormat::kJpeg, {});
  for (int o = 1; o <= 8; ++o) {
    for (bool big : {false, true}) {
      SCOPED_TRACE(testing::Message() << "orientation " << o << (big ? " MM" : " II"));
      EXPECT_EQ(internal::ReadTiffOrientation(ExifBlock(o, big)), o);
      EXPECT_EQ(internal::ReadTiffOrientation(ExifBlock(o, big, 4)), o);  // LONG
      EXPECT_EQ(internal::ReadExifOrientation(internal::InsertJpegMetadata(jpeg, ExifBlock(o, big), "")), o);
      EXPECT_EQ(internal::ReadExifOrientation(internal::InsertPngMetadata(
                    EncodeImage(img, ImageFormat::kPng, {}), ExifBlock(o, big), "")),
                o);
    }
  }
  // No tag, no EXIF, out-of-range values, a wrong type and damaged blocks all read as 1.
  EXPECT_EQ(internal::ReadExifOrientation(jpeg), 1);
  EXPECT_EQ(internal::ReadExifOrientation(EncodeImage(img, ImageFormat::kPng, {})), 1);
  EXPECT_EQ(internal::ReadTiffOrientation(ExifBlock(0, false)), 1);
  EXPECT_EQ(internal::ReadTiffOrientation(ExifBlock(9, true)), 1);
  EXPECT_EQ(internal::ReadTiffOrientation(ExifBlock(3, false, /*ASCII*/ 2)), 1);
  std::vector<std::uint8_t> cut = ExifBlock(6, false);
  cut.resize(cut.size() - 8);  // the Orientation entry is no longer whole
  EXPECT_EQ(internal::ReadTiffOrientation(cut), 1);
  std::vector<std::uint8_t> far = ExifBlock(6, false);
  far[4] = 0xF0;  // IFD0 offset past the end
  EXPECT_EQ(internal::ReadTiffOrientation(far), 1);
  EXPECT_EQ(internal::ReadExifOrientation({}), 1);
  // BigTIFF: 8-byte IFD offset and count, 20-byte entries.
  const std::vector<std::uint8_t> bigtiff = {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0,    0, 0, 0, 0, 0,
                                             0,   1,   0,  0, 0, 0, 0, 0, 0,  0x12, 1, 3, 0, 1, 0,
                                             0,   0,   0,  0, 0, 0, 7, 0, 0,  0,    0, 0, 0, 0};
  EXPECT_EQ(internal::ReadTiffOrientation(bigtiff), 7);
}

TEST(OrientationTest, JpegDecodesUprightInAllEightOrientations) {
  const Image upright = Upright();
  for (int o = 1; o <= 8; ++o) {
    for (bool big : {false, true}) {
      SCOPED_TRACE(testing::Message() << "orientation " << o << (big ? " MM" : " II"));
      const Image stored = StoreAs(upright, o);
      const auto tagged = TaggedJpeg(stored, o, big);
      const ImageInfo info = ReadImageInfo(tagged, "o.jpg");
      EXPECT_EQ(info.orientation, o);
      EXPECT_EQ(info.width, 70);  // the displayed size: 2:1 even when stored 1:2
      EXPECT_EQ(info.height, 35);
      const Image decoded = DecodeImage(tagged, "o.jpg", 2);
      EXPECT_EQ(decoded.border(), 2);
      // Exactly the stored JPEG's pixels, turned as EXIF says...
      const auto untagged = internal::InsertJpegMetadata(tagged, {}, "");
      ASSERT_EQ(ReadImageInfo(untagged, "s.jpg").orientation, 1);
      EXPECT_TRUE(SamePixels(decoded, Display(DecodeImage(untagged, "s.jpg"), o)));
      // ... which is the upright panorama, up to JPEG's (q100, 4:4:4) error.
      const auto diff = testkit::Compare(decoded, upright, 3);
      EXPECT_LE(diff.max_abs, 6);
      EXPECT_LT(diff.mean_abs, 1.0);
    }
  }
}

// Rows `rows` of two same-sized 8-bit images are equal.
bool SameRows(const Image& a, const Image& b, RowRange rows) {
  if (a.width() != b.width() || a.height() != b.height() || a.channels() != b.channels()) return false;
  for (int y = rows.begin; y < rows.end; ++y) {
    for (int x = 0; x < a.width(); ++x) {
      for (int c = 0; c < a.channels(); ++c) {
        if (a.At(x, y, c) != b.At(x, y, c)) return false;
      }
    }
  }
  return true;
}

// Rows are rows of the upright image; orientation 1 keeps the row-range decode (and its result).
TEST(OrientationTest, JpegRowRangeDecodeAppliesToUprightRows) {
  const Image upright = Upright();
  const RowRange rows{9, 23};
  for (int o = 1; o <= 8; ++o) {
    SCOPED_TRACE(testing::Message() << "orientation " << o);
    const auto tagged = TaggedJpeg(StoreAs(upright, o), o);
    const Image band = DecodeImage(tagged, "o.jpg", 3, rows);
    ASSERT_EQ(band.width(), 70);
    ASSERT_EQ(band.height(), 35);
    EXPECT_EQ(band.border(), 3);
    EXPECT_TRUE(SameRows(band, DecodeImage(tagged, "o.jpg", 3), rows));
  }
  // An orientation-1 tag changes nothing: same pixels as the untagged file, band and whole.
  const auto plain = EncodeImage(upright, ImageFormat::kJpeg, {});
  const auto one = internal::InsertJpegMetadata(plain, ExifBlock(1, false), "");
  EXPECT_TRUE(SameRows(DecodeImage(one, "1.jpg", 3, rows), DecodeImage(plain, "p.jpg", 3, rows), rows));
  EXPECT_TRUE(SamePixels(DecodeImage(one, "1.jpg"), DecodeImage(plain, "p.jpg")));
}

TEST(OrientationTest, PngDecodesUprightExactly) {
  for (int bytes_per_sample : {1, 2}) {
    for (int channels : {1, 3, 4}) {
      const Image upright = testkit::MakePattern(70, 35, channels, bytes_per_sample);
      for (int o = 1; o <= 8; ++o) {
        SCOPED_TRACE(testing::Message()
                     << "orientation " << o << ", " << channels << " x " << bytes_per_sample);
        const auto tagged = TaggedPng(StoreAs(upright, o), o);
        const ImageInfo info = ReadImageInfo(tagged, "o.png");
        EXPECT_EQ(info.orientation, o);
        EXPECT_EQ(info.width, 70);
        EXPECT_EQ(info.height, 35);
        EXPECT_TRUE(SamePixels(DecodeImage(tagged, "o.png", 1), upright));
        EXPECT_TRUE(SamePixels(DecodeImage(tagged, "o.png", 1, RowRange{3, 4}), upright));
      }
    }
  }
}

// libtiff writes the Orientation tag itself: 8-bit RGB goes through the scanline reader, palette
// through libtiff's RGBA reader (which must not flip on its own).
void WriteOrientedTiff(const std::string& path, const Image& stored, int o, bool palette, bool big_endian) {
  TIFF* tif = TIFFOpen(path.c_str(), big_endian ? "wb" : "wl");
  ASSERT_NE(tif, nullptr);
  const std::uint16_t spp = palette ? 1 : 3;
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(stored.width()));
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(stored.height()));
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, spp);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(8));
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, palette ? PHOTOMETRIC_PALETTE : PHOTOMETRIC_RGB);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_ORIENTATION, static_cast<std::uint16_t>(o));
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 4u);
  std::vector<std::uint16_t> map(3 * 256);
  for (int i = 0; i < 256; ++i) {  // entry i: (i, 255 - i, i / 2), 16-bit
    map[static_cast<std::size_t>(i)] = static_cast<std::uint16_t>(i * 257);
    map[static_cast<std::size_t>(256 + i)] = static_cast<std::uint16_t>((255 - i) * 257);
    map[static_cast<std::size_t>(512 + i)] = static_cast<std::uint16_t>(i / 2 * 257);
  }
  if (palette) TIFFSetField(tif, TIFFTAG_COLORMAP, map.data(), map.data() + 256, map.data() + 512);
  std::vector<std::uint8_t> row(static_cast<std::size_t>(stored.width()) * spp);
  for (int y = 0; y < stored.height(); ++y) {
    for (int x = 0; x < stored.width(); ++x) {
      for (int c = 0; c < spp; ++c)
        row[static_cast<std::size_t>(x * spp + c)] = static_cast<std::uint8_t>(stored.At(x, y, c));
    }
    ASSERT_EQ(TIFFWriteScanline(tif, row.data(), static_cast<std::uint32_t>(y), 0), 1);
  }
  TIFFClose(tif);
}

TEST(OrientationTest, TiffDecodesUprightThroughBothReaders) {
  TempDir dir;
  for (bool palette : {false, true}) {
    const Image indices = testkit::MakePattern(70, 35, palette ? 1 : 3, 1);
    Image upright(70, 35, 3, 1);  // what the decoder makes of `indices`
    for (int y = 0; y < 35; ++y) {
      for (int x = 0; x < 70; ++x) {
        for (int c = 0; c < 3; ++c) {
          const std::uint32_t i = indices.At(x, y, palette ? 0 : c);
          upright.Set(x, y, c, !palette ? i : c == 0 ? i : c == 1 ? 255 - i : i / 2);
        }
      }
    }
    for (int o = 1; o <= 8; ++o) {
      for (bool big : {false, true}) {
        SCOPED_TRACE(testing::Message()
                     << "orientation " << o << (palette ? " palette" : " rgb") << (big ? " MM" : " II"));
        const std::string path = (dir / "o.tif");
        WriteOrientedTiff(path, StoreAs(indices, o), o, palette, big);
        const ImageInfo info = ReadImageInfo(path);
        EXPECT_EQ(info.orientation, o);
        EXPECT_EQ(info.width, 70);
        EXPECT_EQ(info.height, 35);
        EXPECT_TRUE(SamePixels(ReadImage(path), upright));
      }
    }
  }
}

// The applied orientation is reported with the source metadata; views (upright) carry none.
TEST(OrientationTest, SourceMetadataReportsItAndViewsDoNotCarryIt) {
  TempDir dir;
  const Image stored = StoreAs(Upright(), 6);
  const auto jpeg = TaggedJpeg(stored, 6);
  EXPECT_EQ(ReadSourceMetadata(jpeg).orientation, 6);
  testkit::WriteBytes((dir / "pano.jpg"), jpeg);
  EXPECT_EQ(ReadSourceMetadata((dir / "pano.jpg")).orientation, 6);
  EXPECT_EQ(ReadSourceMetadata(TaggedPng(stored, 3)).orientation, 3);
  EXPECT_EQ(ReadSourceMetadata(EncodeImage(stored, ImageFormat::kJpeg, {})).orientation, 1);
  // exiv2 reads the tag the views would have inherited, had they copied it.
  testkit::WriteBytes((dir / "tagged.jpg"), jpeg);
  EXPECT_EQ(ReadViewMetadata((dir / "tagged.jpg")).orientation.value_or(0), 6);

  ViewMetadata meta;
  meta.width = 32;
  meta.height = 24;
  meta.focal_px = 20;
  meta.view_name = "cam00";
  meta.source = ReadSourceMetadata(jpeg);
  const Image view = testkit::MakeSmooth(32, 24, 3);
  for (ImageFormat format : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff}) {
    const std::string path = (dir / std::string("view.") + FormatExtension(format));
    testkit::WriteBytes(path, EmbedViewMetadata(EncodeImage(view, format, {}), format, meta));
    EXPECT_EQ(ReadViewMetadata(path).orientation.value_or(1), 1) << path;
    const ImageInfo info = ReadImageInfo(path);
    EXPECT_EQ(info.orientation, 1) << path;
    EXPECT_EQ(info.width, 32) << path;
  }
}

}  // namespace
}  // namespace prep360
