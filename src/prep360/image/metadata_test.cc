#include "prep360/image/metadata.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <thread>
#include <vector>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // exiv2 0.27 uses std::auto_ptr
#include <exiv2/exiv2.hpp>
#pragma GCC diagnostic pop

#include "prep360/image/exif_block.h"
#include "prep360/image/image_io.h"
#include "prep360/image/png_chunks.h"
#include "prep360/image/xmp_packet.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakeSmooth;
using testkit::SamePixels;
using testkit::TempDir;
using testkit::WriteBytes;

ViewMetadata SampleView(int width, int height, double focal_px) {
  ViewMetadata meta;
  meta.width = width;
  meta.height = height;
  meta.focal_px = focal_px;
  meta.yaw_deg = 45.5;
  meta.pitch_deg = -10.25;
  meta.roll_deg = 0.125;
  meta.hfov_deg = 90;
  meta.vfov_deg = 58.71550708;
  meta.view_name = "yaw045_pitch-10";
  meta.source_name = "frame_000001.jpg";
  return meta;
}

void ExpectViewReadBack(const ViewMetadataReadback& got, const ViewMetadata& meta) {
  const double mm = meta.focal_px * 36.0 / meta.width;
  ASSERT_TRUE(got.focal_length_mm.has_value());
  EXPECT_NEAR(*got.focal_length_mm, mm, 1e-6);
  ASSERT_TRUE(got.focal_length_35mm.has_value());
  EXPECT_EQ(*got.focal_length_35mm, std::lround(mm));
  ASSERT_TRUE(got.focal_plane_x_resolution.has_value());
  EXPECT_NEAR(*got.focal_plane_x_resolution, meta.width / 3.6, 1e-9);
  EXPECT_EQ(got.focal_plane_resolution_unit, 3);
  EXPECT_EQ(got.pixel_x_dimension, meta.width);
  EXPECT_EQ(got.pixel_y_dimension, meta.height);
  EXPECT_EQ(got.yaw_deg, meta.yaw_deg);
  EXPECT_EQ(got.pitch_deg, meta.pitch_deg);
  EXPECT_EQ(got.roll_deg, meta.roll_deg);
  EXPECT_EQ(got.hfov_deg, meta.hfov_deg);
  EXPECT_EQ(got.vfov_deg, meta.vfov_deg);
  EXPECT_EQ(got.view_name, meta.view_name);
  // Focal length in pixels is recoverable from the EXIF alone: fx = f_mm * FocalPlaneXResolution / 10.
  EXPECT_NEAR(*got.focal_length_mm * *got.focal_plane_x_resolution / 10.0, meta.focal_px, 1e-4);
}

class MetadataFormatTest : public ::testing::TestWithParam<ImageFormat> {};

TEST_P(MetadataFormatTest, WritesAndReadsBackViewMetadataKeepingPixels) {
  const ImageFormat format = GetParam();
  TempDir dir;
  const Image image = MakeSmooth(320, 180, 3);
  const auto encoded = EncodeImage(image, format, {});
  const ViewMetadata meta = SampleView(320, 180, 160.0);  // hfov 90: 18 mm
  const auto tagged = EmbedViewMetadata(encoded, format, meta);
  const std::string path = dir / (std::string("view.") + FormatExtension(format));
  WriteBytes(path, tagged);
  const ViewMetadataReadback got = ReadViewMetadata(path);
  ExpectViewReadBack(got, meta);
  EXPECT_DOUBLE_EQ(*got.focal_length_mm, 18.0);
  EXPECT_EQ(*got.focal_length_35mm, 18);
  EXPECT_FALSE(got.datetime_original.has_value());
  EXPECT_FALSE(got.gps.has_value());
  // The pixels are untouched.
  EXPECT_TRUE(SamePixels(DecodeImage(encoded, "before"), ReadImage(path)));
}

INSTANTIATE_TEST_SUITE_P(Metadata, MetadataFormatTest,
                         ::testing::Values(ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff),
                         [](const auto& p) { return std::string(FormatExtension(p.param)); });

TEST(MetadataTest, FocalLengthKeepsSixDecimals) {
  TempDir dir;
  const ViewMetadata meta = SampleView(1920, 1080, 1234.5678);  // 23.1481462... mm
  const auto tagged =
      EmbedViewMetadata(EncodeImage(MakeSmooth(64, 36, 3), ImageFormat::kJpeg, {}), ImageFormat::kJpeg, meta);
  WriteBytes(dir / "f.jpg", tagged);
  const auto got = ReadViewMetadata(dir / "f.jpg");
  EXPECT_NEAR(*got.focal_length_mm, 1234.5678 * 36.0 / 1920.0, 5e-7);
  EXPECT_EQ(*got.focal_length_35mm, 23);
  EXPECT_EQ(got.pixel_x_dimension, 1920);  // the stated view size, whatever the pixels
}

TEST(MetadataTest, RationalConversion) {
  EXPECT_EQ(internal::ToURational(18.0), (Exiv2::URational{18, 1}));
  EXPECT_EQ(internal::ToURational(0.5), (Exiv2::URational{1, 2}));
  EXPECT_EQ(internal::ToURational(23.1481462), (Exiv2::URational{11574073, 500000}));
  EXPECT_EQ(internal::ToURational(-3.0), (Exiv2::URational{0, 1}));
  EXPECT_EQ(internal::ToURational(NAN), (Exiv2::URational{0, 1}));
  const auto big = internal::ToURational(123456.789);
  EXPECT_NEAR(static_cast<double>(big.first) / big.second, 123456.789, 1e-4);
}

TEST(MetadataTest, JpegSegmentsFollowJfifAndReplaceOldMetadata) {
  const auto encoded = EncodeImage(MakeSmooth(64, 32, 3), ImageFormat::kJpeg, {});
  ViewMetadata first = SampleView(64, 32, 32.0);
  ViewMetadata second = SampleView(64, 32, 48.0);
  second.view_name = "second";
  const auto once = EmbedViewMetadata(encoded, ImageFormat::kJpeg, first);
  const auto twice = EmbedViewMetadata(once, ImageFormat::kJpeg, second);
  // SOI, JFIF APP0 (kept first), then our EXIF APP1.
  ASSERT_GT(twice.size(), 40u);
  EXPECT_EQ(twice[2], 0xFF);
  EXPECT_EQ(twice[3], 0xE0);
  const std::size_t app0_end = 4 + (static_cast<std::size_t>(twice[4]) << 8 | twice[5]);
  EXPECT_EQ(twice[app0_end], 0xFF);
  EXPECT_EQ(twice[app0_end + 1], 0xE1);
  EXPECT_EQ(std::string(twice.begin() + app0_end + 4, twice.begin() + app0_end + 8), "Exif");
  // Re-embedding replaces rather than stacks: same size as embedding `second` once.
  EXPECT_EQ(twice.size(), EmbedViewMetadata(encoded, ImageFormat::kJpeg, second).size());
  TempDir dir;
  WriteBytes(dir / "t.jpg", twice);
  const auto got = ReadViewMetadata(dir / "t.jpg");
  EXPECT_EQ(got.view_name, "second");
  EXPECT_NEAR(*got.focal_length_mm, 27.0, 1e-9);
}

// The chunk types of a PNG file, in order.
std::vector<std::string> PngChunkTypes(const std::vector<std::uint8_t>& png) {
  std::vector<std::string> types;
  for (std::size_t pos = 8; pos + 12 <= png.size();) {
    const std::size_t length = (std::size_t{png[pos]} << 24) | (std::size_t{png[pos + 1]} << 16) |
                               (std::size_t{png[pos + 2]} << 8) | png[pos + 3];
    types.emplace_back(png.begin() + pos + 4, png.begin() + pos + 8);
    // Every chunk's CRC is right.
    const std::uint32_t crc = internal::PngCrc32(png.data() + pos + 4, length + 4);
    const std::uint8_t* stored = png.data() + pos + 8 + length;
    EXPECT_EQ(crc, (std::uint32_t{stored[0]} << 24 | std::uint32_t{stored[1]} << 16 |
                    std::uint32_t{stored[2]} << 8 | stored[3]))
        << types.back();
    pos += 12 + length;
  }
  return types;
}

TEST(MetadataTest, PngCrcKnownAnswer) {
  const std::string text = "123456789";
  EXPECT_EQ(internal::PngCrc32(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()), 0xCBF43926u);
}

TEST(MetadataTest, PngChunksFollowIhdrAndReplaceOldMetadata) {
  const auto encoded = EncodeImage(MakeSmooth(64, 32, 3), ImageFormat::kPng, {});
  ViewMetadata second = SampleView(64, 32, 48.0);
  second.view_name = "second";
  const auto once = EmbedViewMetadata(encoded, ImageFormat::kPng, SampleView(64, 32, 32.0));
  const auto twice = EmbedViewMetadata(once, ImageFormat::kPng, second);
  const auto types = PngChunkTypes(twice);
  ASSERT_GE(types.size(), 5u);
  EXPECT_EQ(types[0], "IHDR");
  EXPECT_EQ(types[1], "eXIf");
  EXPECT_EQ(types[2], "iTXt");
  EXPECT_EQ(std::count(types.begin(), types.end(), "eXIf"), 1);
  EXPECT_EQ(std::count(types.begin(), types.end(), "iTXt"), 1);
  EXPECT_EQ(types.back(), "IEND");
  TempDir dir;
  WriteBytes(dir / "t.png", twice);
  const auto got = ReadViewMetadata(dir / "t.png");
  EXPECT_EQ(got.view_name, "second");
  EXPECT_NEAR(*got.focal_length_mm, 27.0, 1e-9);
  EXPECT_TRUE(SamePixels(DecodeImage(encoded, "a"), ReadImage(dir / "t.png")));
}

TEST(MetadataTest, ViewAndSourceNamesAreXmlEscaped) {
  TempDir dir;
  ViewMetadata meta = SampleView(64, 32, 32.0);
  meta.view_name = "a&b <\"c\"> 'd'";
  meta.source_name = "x<y>.jpg";
  const auto packet = internal::BuildXmpPacket(meta);
  EXPECT_EQ(packet.find("a&b"), std::string::npos);
  EXPECT_NE(packet.find("a&amp;b &lt;&quot;c&quot;&gt; &apos;d&apos;"), std::string::npos);
  WriteBytes(dir / "e.jpg", EmbedViewMetadata(EncodeImage(MakeSmooth(64, 32, 3), ImageFormat::kJpeg, {}),
                                                  ImageFormat::kJpeg, meta));
  EXPECT_EQ(ReadViewMetadata(dir / "e.jpg").view_name, meta.view_name);
}

// A JPEG with EXIF capture time and GPS written by exiv2, as a camera would.
std::string MakeSourceJpeg(const TempDir& dir) {
  const std::string path = dir / "pano.jpg";
  WriteBytes(path, EncodeImage(MakeSmooth(128, 64, 3), ImageFormat::kJpeg, {}));
  Exiv2::ExifData exif;
  exif["Exif.Image.Make"] = std::string("TestCam");
  exif["Exif.Photo.DateTimeOriginal"] = std::string("2024:05:17 14:03:59");
  exif["Exif.Photo.SubSecTimeOriginal"] = std::string("250");
  exif["Exif.GPSInfo.GPSLatitudeRef"] = std::string("S");
  Exiv2::URationalValue lat;
  lat.read("33/1 51/1 2460/100");  // 33° 51' 24.60" S = -33.856833...
  exif.add(Exiv2::ExifKey("Exif.GPSInfo.GPSLatitude"), &lat);
  exif["Exif.GPSInfo.GPSLongitudeRef"] = std::string("W");
  Exiv2::URationalValue lon;
  lon.read("122/1 25/1 918/100");  // 122° 25' 9.18" W = -122.419216...
  exif.add(Exiv2::ExifKey("Exif.GPSInfo.GPSLongitude"), &lon);
  Exiv2::DataValue alt_ref(Exiv2::unsignedByte);
  alt_ref.read("0");
  exif.add(Exiv2::ExifKey("Exif.GPSInfo.GPSAltitudeRef"), &alt_ref);
  exif["Exif.GPSInfo.GPSAltitude"] = Exiv2::URational(355, 10);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
  Exiv2::Image::AutoPtr image = Exiv2::ImageFactory::open(path);
#pragma GCC diagnostic pop
  image->setExifData(exif);
  image->writeMetadata();
  return path;
}

constexpr double kLat = -(33 + 51 / 60.0 + 24.60 / 3600.0);
constexpr double kLon = -(122 + 25 / 60.0 + 9.18 / 3600.0);

TEST(MetadataTest, ReadsSourceCaptureTimeAndGps) {
  TempDir dir;
  const std::string path = MakeSourceJpeg(dir);
  for (const SourceMetadata& source : {ReadSourceMetadata(path), ReadSourceMetadata(ReadFileBytes(path))}) {
    EXPECT_EQ(source.datetime_original, "2024:05:17 14:03:59");
    EXPECT_EQ(source.subsec_original, "250");
    ASSERT_TRUE(source.gps.has_value());
    EXPECT_NEAR(source.gps->latitude_deg, kLat, 1e-9);
    EXPECT_NEAR(source.gps->longitude_deg, kLon, 1e-9);
    ASSERT_TRUE(source.gps->altitude_m.has_value());
    EXPECT_NEAR(*source.gps->altitude_m, 35.5, 1e-9);
  }
}

TEST(MetadataTest, CopiesSourceTimeAndGpsIntoEachFormat) {
  TempDir dir;
  const SourceMetadata source = ReadSourceMetadata(MakeSourceJpeg(dir));
  for (ImageFormat format : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff}) {
    ViewMetadata meta = SampleView(96, 64, 48.0);
    meta.source = source;
    meta.source.gps->altitude_m = -12.25;  // below sea level: AltitudeRef 1
    const std::string path = dir / (std::string("copy.") + FormatExtension(format));
    WriteBytes(path, EmbedViewMetadata(EncodeImage(MakeSmooth(96, 64, 3), format, {}), format, meta));
    const auto got = ReadViewMetadata(path);
    EXPECT_EQ(got.datetime_original, "2024:05:17 14:03:59") << path;
    ASSERT_TRUE(got.gps.has_value()) << path;
    EXPECT_NEAR(got.gps->latitude_deg, kLat, 1e-9);
    EXPECT_NEAR(got.gps->longitude_deg, kLon, 1e-9);
    ASSERT_TRUE(got.gps->altitude_m.has_value());
    EXPECT_NEAR(*got.gps->altitude_m, -12.25, 1e-9);
    const SourceMetadata again = ReadSourceMetadata(path);
    EXPECT_EQ(again.subsec_original, "250") << path;
  }
}

TEST(MetadataTest, SourceWithoutMetadataGivesEmptyResult) {
  TempDir dir;
  const std::string path = dir / "plain.png";
  WriteBytes(path, EncodeImage(MakeSmooth(16, 8, 3), ImageFormat::kPng, {}));
  const SourceMetadata plain = ReadSourceMetadata(path);
  EXPECT_FALSE(plain.datetime_original || plain.subsec_original || plain.gps);
  const std::vector<std::uint8_t> garbage = {'n', 'o', 't', ' ', 'a', 'n', ' ', 'i', 'm', 'a', 'g', 'e'};
  const SourceMetadata none = ReadSourceMetadata(garbage);
  EXPECT_FALSE(none.datetime_original || none.subsec_original || none.gps);
  EXPECT_FALSE(ReadSourceMetadata(std::vector<std::uint8_t>{}).gps.has_value());
  EXPECT_THROW(ReadSourceMetadata(dir / "missing.jpg"), Error);
  EXPECT_THROW(ReadViewMetadata(dir / "missing.jpg"), Error);
}

TEST(MetadataTest, ConcurrentEmbeddingIsDeterministic) {
  const auto jpeg = EncodeImage(MakeSmooth(64, 32, 3), ImageFormat::kJpeg, {});
  const auto png = EncodeImage(MakeSmooth(64, 32, 3), ImageFormat::kPng, {});
  const ViewMetadata meta = SampleView(64, 32, 32.0);
  const auto ref_jpeg = EmbedViewMetadata(jpeg, ImageFormat::kJpeg, meta);
  const auto ref_png = EmbedViewMetadata(png, ImageFormat::kPng, meta);
  std::vector<int> good(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        good[t] += EmbedViewMetadata(jpeg, ImageFormat::kJpeg, meta) == ref_jpeg;
        good[t] += EmbedViewMetadata(png, ImageFormat::kPng, meta) == ref_png;
        good[t] += ReadSourceMetadata(ref_jpeg).gps.has_value() ? 0 : 1;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) EXPECT_EQ(good[t], 150);
}

}  // namespace
}  // namespace prep360

namespace prep360 {
namespace {

TEST(MetadataTest, PanoramaFramesCarryGPanoAndCaptureTimeInEachFormat) {
  TempDir dir;
  for (ImageFormat format : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff}) {
    PanoramaMetadata meta;
    meta.width = 256;
    meta.height = 128;
    meta.source_name = "walk.mp4";
    meta.source.datetime_original = "2024:05:01 10:20:31";
    meta.source.subsec_original = "467";
    const Image image = testkit::MakeSmooth(256, 128, 3);
    const auto encoded = EncodeImage(image, format, {});
    const std::string path = dir / (std::string("pano.") + FormatExtension(format));
    testkit::WriteBytes(path, EmbedPanoramaMetadata(encoded, format, meta));
    const ViewMetadataReadback got = ReadViewMetadata(path);
    EXPECT_EQ(got.gpano_projection, "equirectangular") << path;
    EXPECT_EQ(got.gpano_full_width, 256) << path;
    EXPECT_EQ(got.gpano_full_height, 128) << path;
    EXPECT_EQ(got.datetime_original, "2024:05:01 10:20:31") << path;
    EXPECT_EQ(got.subsec_original, "467") << path;
    EXPECT_EQ(got.pixel_x_dimension, 256) << path;
    // A panorama has no focal length.
    EXPECT_FALSE(got.focal_length_mm.has_value()) << path;
    EXPECT_FALSE(got.focal_plane_x_resolution.has_value()) << path;
    EXPECT_TRUE(testkit::SamePixels(DecodeImage(encoded, "before"), ReadImage(path))) << path;
  }
}

}  // namespace
}  // namespace prep360
