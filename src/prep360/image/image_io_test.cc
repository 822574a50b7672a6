#include "prep360/image/image_io.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "prep360/testing/temp_dir.h"
#include "prep360/testing/test_images.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

using testkit::MakePattern;
using testkit::MakeSmooth;
using testkit::SamePixels;
using testkit::TempDir;
using testkit::WriteBytes;

// Runs `fn`, expecting prep360::Error whose message contains `path` and `fragment`.
template <typename Fn>
void ExpectFileError(Fn fn, const std::string& path, const std::string& fragment) {
  try {
    fn();
    ADD_FAILURE() << "expected Error for " << path;
  } catch (const Error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(path), std::string::npos) << what;
    EXPECT_NE(what.find(fragment), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "one line expected: " << what;
  }
}

TEST(ImageFormatTest, ParsesNamesCaseInsensitively) {
  EXPECT_EQ(ParseImageFormat("jpg"), ImageFormat::kJpeg);
  EXPECT_EQ(ParseImageFormat("JPEG"), ImageFormat::kJpeg);
  EXPECT_EQ(ParseImageFormat("png"), ImageFormat::kPng);
  EXPECT_EQ(ParseImageFormat("Tif"), ImageFormat::kTiff);
  EXPECT_EQ(ParseImageFormat("tiff"), ImageFormat::kTiff);
  EXPECT_THROW(ParseImageFormat("webp"), Error);
  EXPECT_THROW(ParseImageFormat(""), Error);
}

TEST(ImageFormatTest, ExtensionsRoundTrip) {
  EXPECT_STREQ(FormatExtension(ImageFormat::kJpeg), "jpg");
  EXPECT_STREQ(FormatExtension(ImageFormat::kPng), "png");
  EXPECT_STREQ(FormatExtension(ImageFormat::kTiff), "tif");
  for (ImageFormat f : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff}) {
    EXPECT_EQ(ParseImageFormat(FormatExtension(f)), f);
  }
}

TEST(ImageFormatTest, FormatFromPath) {
  EXPECT_EQ(FormatFromPath("/a/b/frame_000001.JPG"), ImageFormat::kJpeg);
  EXPECT_EQ(FormatFromPath("x.jpeg"), ImageFormat::kJpeg);
  EXPECT_EQ(FormatFromPath("dir.v2/x.png"), ImageFormat::kPng);
  EXPECT_EQ(FormatFromPath("x.TIFF"), ImageFormat::kTiff);
  ExpectFileError([] { FormatFromPath("/data.v2/noext"); }, "/data.v2/noext", "extension");
  ExpectFileError([] { FormatFromPath("clip.mp4"); }, "clip.mp4", "extension");
}

TEST(ImageIoTest, DetectsFormatFromContentNotName) {
  TempDir dir;
  const Image image = MakePattern(5, 4, 3, 1);
  const std::string path = dir / "really_a_png.jpg";
  WriteBytes(path, EncodeImage(image, ImageFormat::kPng, {}));
  const ImageInfo info = ReadImageInfo(path);
  EXPECT_EQ(info.format, ImageFormat::kPng);
  EXPECT_TRUE(SamePixels(ReadImage(path), image));
}

TEST(ImageIoTest, HeaderOnlyInfoForEachFormat) {
  struct Case {
    ImageFormat format;
    int channels, bytes_per_sample;
  };
  const Case cases[] = {{ImageFormat::kJpeg, 3, 1}, {ImageFormat::kJpeg, 1, 1}, {ImageFormat::kPng, 4, 2},
                        {ImageFormat::kPng, 1, 1},  {ImageFormat::kTiff, 3, 2}, {ImageFormat::kTiff, 4, 1}};
  TempDir dir;
  for (const Case& c : cases) {
    const Image image = MakeSmooth(37, 21, c.channels, c.bytes_per_sample);
    const std::vector<std::uint8_t> bytes = EncodeImage(image, c.format, {});
    const std::string path = dir / (std::string("info.") + FormatExtension(c.format));
    WriteBytes(path, bytes);
    for (const ImageInfo& info : {ReadImageInfo(path), ReadImageInfo(bytes, "mem")}) {
      EXPECT_EQ(info.format, c.format);
      EXPECT_EQ(info.width, 37);
      EXPECT_EQ(info.height, 21);
      EXPECT_EQ(info.channels, c.channels);
      EXPECT_EQ(info.bit_depth, c.format == ImageFormat::kJpeg ? 8 : 8 * c.bytes_per_sample);
    }
  }
}

TEST(ImageIoTest, InfoNeedsOnlyTheHeader) {
  // A JPEG cut after its header still reports its size (the scan data is never touched).
  const Image image = MakeSmooth(640, 480, 3);
  std::vector<std::uint8_t> bytes = EncodeImage(image, ImageFormat::kJpeg, {});
  bytes.resize(1000);
  const ImageInfo info = ReadImageInfo(bytes, "cut.jpg");
  EXPECT_EQ(info.width, 640);
  EXPECT_EQ(info.height, 480);
}

TEST(ImageIoTest, InfoFromFileWithHeaderBeyondFirstRead) {
  // 6 x 60 KB comment segments push the frame header past the bytes ReadImageInfo reads first.
  const std::vector<std::uint8_t> jpeg = EncodeImage(MakeSmooth(96, 40, 3), ImageFormat::kJpeg, {});
  std::vector<std::uint8_t> bytes(jpeg.begin(), jpeg.begin() + 2);
  for (int i = 0; i < 6; ++i) {
    const std::size_t length = 60000;
    bytes.insert(bytes.end(),
                 {0xFF, 0xFE, static_cast<std::uint8_t>(length >> 8), static_cast<std::uint8_t>(length)});
    bytes.insert(bytes.end(), length - 2, 'c');
  }
  bytes.insert(bytes.end(), jpeg.begin() + 2, jpeg.end());
  TempDir dir;
  const std::string path = dir / "big_header.jpg";
  WriteBytes(path, bytes);
  const ImageInfo info = ReadImageInfo(path);
  EXPECT_EQ(info.width, 96);
  EXPECT_EQ(info.height, 40);
  EXPECT_EQ(ReadImage(path).width(), 96);
}

TEST(ImageIoTest, DecodingIntoBorderedImageGivesSamePixels) {
  for (ImageFormat format : {ImageFormat::kJpeg, ImageFormat::kPng, ImageFormat::kTiff}) {
    for (int channels : {1, 3, 4}) {
      if (format == ImageFormat::kJpeg && channels == 4) continue;
      const Image image = MakeSmooth(45, 17, channels);
      const std::vector<std::uint8_t> bytes = EncodeImage(image, format, {});
      const Image plain = DecodeImage(bytes, "plain");
      const Image bordered = DecodeImage(bytes, "bordered", 7);
      EXPECT_EQ(bordered.border(), 7);
      EXPECT_EQ(bordered.stride(), static_cast<std::size_t>(45 + 14) * channels);
      EXPECT_TRUE(SamePixels(plain, bordered)) << FormatExtension(format) << " channels " << channels;
    }
  }
}

TEST(ImageIoTest, ReadFileBytesReadsWholeFile) {
  TempDir dir;
  std::vector<std::uint8_t> bytes(300000);
  for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>(i * 31);
  WriteBytes(dir / "blob", bytes);
  EXPECT_EQ(ReadFileBytes(dir / "blob"), bytes);
}

TEST(ImageIoTest, MissingFileThrowsNamingPath) {
  TempDir dir;
  const std::string path = dir / "missing.jpg";
  ExpectFileError([&] { ReadImage(path); }, path, "No such file");
  ExpectFileError([&] { ReadImageInfo(path); }, path, "No such file");
  ExpectFileError([&] { ReadFileBytes(path); }, path, "No such file");
}

TEST(ImageIoTest, DirectoryThrowsNamingPath) {
  TempDir dir;
  ExpectFileError([&] { ReadImage(dir.path().string()); }, dir.path().string(), "directory");
}

TEST(ImageIoTest, ZeroByteFileThrowsEmptyFile) {
  TempDir dir;
  const std::string path = dir / "zero.png";
  WriteBytes(path, {});
  ExpectFileError([&] { ReadImage(path); }, path, "empty file");
  ExpectFileError([&] { ReadImageInfo(path); }, path, "empty file");
  ExpectFileError([&] { DecodeImage({}, "named", 0); }, "named", "empty file");
}

TEST(ImageIoTest, GarbageThrowsNotAnImage) {
  TempDir dir;
  const std::string path = dir / "garbage.jpg";
  WriteBytes(path, std::vector<std::uint8_t>{'h', 'e', 'l', 'l', 'o', ' ', 'w', 'o', 'r', 'l', 'd', '\n'});
  ExpectFileError([&] { ReadImage(path); }, path, "not a JPEG/PNG/TIFF file");
  ExpectFileError([&] { ReadImageInfo(path); }, path, "not a JPEG/PNG/TIFF file");
}

TEST(ImageIoTest, TruncatedFilesThrowNamingPath) {
  TempDir dir;
  const Image image = MakePattern(64, 48, 3, 1);
  struct Case {
    ImageFormat format;
    const char* message;
  };
  for (const Case& c :
       {Case{ImageFormat::kJpeg, "truncated JPEG data"}, Case{ImageFormat::kPng, "truncated PNG data"},
        Case{ImageFormat::kTiff, "TIFF data"}}) {
    std::vector<std::uint8_t> bytes = EncodeImage(image, c.format, {});
    // (libtiff writes its directory last, so a cut TIFF has lost it.)
    bytes.resize(bytes.size() / 2);
    const std::string path = dir / (std::string("cut.") + FormatExtension(c.format));
    WriteBytes(path, bytes);
    ExpectFileError([&] { ReadImage(path); }, path, c.message);
  }
}

TEST(ImageIoTest, CorruptJpegScanThrows) {
  const Image image = MakePattern(64, 64, 3, 1);
  std::vector<std::uint8_t> bytes = EncodeImage(image, ImageFormat::kJpeg, {});
  // Overwrite the middle of the entropy-coded data with a restart marker sequence and junk.
  for (std::size_t i = bytes.size() / 2; i < bytes.size() / 2 + 64; ++i) bytes[i] = 0xFF;
  bytes[bytes.size() / 2 + 64] = 0xD3;
  ExpectFileError([&] { DecodeImage(bytes, "bad.jpg"); }, "bad.jpg", "JPEG data");
}

TEST(ImageIoTest, CorruptPngCrcThrows) {
  const Image image = MakePattern(16, 16, 3, 1);
  std::vector<std::uint8_t> bytes = EncodeImage(image, ImageFormat::kPng, {});
  bytes[20] ^= 0x01;  // inside IHDR: its CRC no longer matches
  ExpectFileError([&] { DecodeImage(bytes, "bad.png"); }, "bad.png", "corrupt PNG data");
}

TEST(ImageIoTest, EncodeRejectsBadOptions) {
  const Image image = MakePattern(8, 8, 3, 1);
  EncodeOptions options;
  options.jpeg_quality = 0;
  EXPECT_THROW(EncodeImage(image, ImageFormat::kJpeg, options), Error);
  options = {};
  options.png_compression = 10;
  EXPECT_THROW(EncodeImage(image, ImageFormat::kPng, options), Error);
  EXPECT_THROW(EncodeImage(Image(), ImageFormat::kPng, {}), Error);
}

}  // namespace
}  // namespace prep360
