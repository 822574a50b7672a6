// End-to-end tests of `prep360 split` on unusual sources: panoramas stored rotated or mirrored
// with an EXIF Orientation (split upright, views without the tag), and files whose header declares
// a size no remap table supports (the error names the file).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/testing/test_images.h"
#include "prep360/image/jpeg_segments.h"
#include "prep360/image/metadata.h"
#include "prep360/image/orientation_test_util.h"
#include "prep360/image/png_chunks.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/synthetic_scene.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;
using testkit::TempDir;

// Splits `file` with a 4-view ring into `out`, 96x96 views; returns the views, cam00..cam03.
std::vector<std::string> Split(const fs::path& file, const fs::path& out, const std::string& format) {
  const auto r = RunCli({"split", file.string(), "-o", out.string(), "--rig", "ring:4", "--size", "96x96",
                         "--format", format, "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> views;
  for (int v = 0; v < 4; ++v) {
    views.push_back((out / "images" / fmt::format("cam0{}", v) / file.filename()).string());
  }
  return views;
}

// A 1:2 PNG stored rotated (orientation 6, and 5 and 8) splits exactly like its upright original;
// a JPEG stored upside down (orientation 3) like its upright original up to JPEG error. The views
// carry no Orientation tag.
TEST(CliSplitSourcesTest, RotatedPanoramasSplitUpright) {
  TempDir dir;
  const Image upright = testkit::RenderEquirect(512, 256, 3, 1, 2);
  fs::create_directories(dir.path() / "up");
  WriteFileAtomic(dir / "up/p.png", EncodeImage(upright, ImageFormat::kPng, {}));
  const auto reference = Split(dir.path() / "up/p.png", dir.path() / "out_up", "png");
  for (int o : {5, 6, 8}) {
    const fs::path in = dir.path() / fmt::format("o{}", o);
    fs::create_directories(in);
    const Image stored = image_test::StoreAs(upright, o);
    ASSERT_EQ(stored.height(), 512);  // stored 1:2
    WriteFileAtomic((in / "p.png").string(),
                    internal::InsertPngMetadata(EncodeImage(stored, ImageFormat::kPng, {}),
                                                image_test::ExifBlock(o, true), ""));
    const auto views = Split(in / "p.png", dir.path() / fmt::format("out{}", o), "png");
    for (int v = 0; v < 4; ++v) {
      EXPECT_TRUE(testkit::SamePixels(ReadImage(views[static_cast<std::size_t>(v)]),
                                         ReadImage(reference[static_cast<std::size_t>(v)])))
          << "orientation " << o << " view " << v;
      EXPECT_EQ(ReadViewMetadata(views[static_cast<std::size_t>(v)]).orientation.value_or(1), 1);
    }
  }

  EncodeOptions q100;
  q100.jpeg_quality = 100;
  q100.jpeg_subsampling = ChromaSubsampling::k444;
  fs::create_directories(dir.path() / "jup");
  fs::create_directories(dir.path() / "j3");
  WriteFileAtomic(dir / "jup/p.jpg", EncodeImage(upright, ImageFormat::kJpeg, q100));
  WriteFileAtomic(dir / "j3/p.jpg", internal::InsertJpegMetadata(EncodeImage(image_test::StoreAs(upright, 3),
                                                                             ImageFormat::kJpeg, q100),
                                                                 image_test::ExifBlock(3, false), ""));
  const auto jpeg_reference = Split(dir.path() / "jup/p.jpg", dir.path() / "out_jup", "jpg");
  const auto jpeg_views = Split(dir.path() / "j3/p.jpg", dir.path() / "out_j3", "jpg");
  for (int v = 0; v < 4; ++v) {
    const auto d = testkit::Compare(ReadImage(jpeg_views[static_cast<std::size_t>(v)]),
                                       ReadImage(jpeg_reference[static_cast<std::size_t>(v)]), 3);
    EXPECT_LT(d.mean_abs, 2.0) << "view " << v;  // upside down would be far off
    const ViewMetadataReadback m = ReadViewMetadata(jpeg_views[static_cast<std::size_t>(v)]);
    EXPECT_FALSE(m.orientation.has_value());
    EXPECT_TRUE(m.yaw_deg.has_value());  // the view's own metadata is there
  }
}

// A PNG whose IHDR claims `width` x `height` (8-bit RGB), with a token IDAT.
std::vector<std::uint8_t> PngHeaderOnly(std::uint32_t width, std::uint32_t height) {
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  auto chunk = [&](const char* type, const std::vector<std::uint8_t>& data) {
    const auto size = static_cast<std::uint32_t>(data.size());
    for (int s = 24; s >= 0; s -= 8) png.push_back(static_cast<std::uint8_t>(size >> s));
    const std::size_t start = png.size();
    png.insert(png.end(), type, type + 4);
    png.insert(png.end(), data.begin(), data.end());
    const std::uint32_t crc = internal::PngCrc32(png.data() + start, png.size() - start);
    for (int s = 24; s >= 0; s -= 8) png.push_back(static_cast<std::uint8_t>(crc >> s));
  };
  std::vector<std::uint8_t> ihdr;
  for (std::uint32_t v : {width, height}) {
    for (int s = 24; s >= 0; s -= 8) ihdr.push_back(static_cast<std::uint8_t>(v >> s));
  }
  ihdr.insert(ihdr.end(), {8, 2, 0, 0, 0});  // 8-bit truecolour, deflate, no filter, no interlace
  chunk("IHDR", ihdr);
  chunk("IDAT", {0x78, 0x01, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00, 0x00, 0x01});
  chunk("IEND", {});
  return png;
}

// A small JPEG whose SOF0 is patched to claim `width` x `height`.
std::vector<std::uint8_t> JpegClaiming(int width, int height) {
  std::vector<std::uint8_t> jpeg = EncodeImage(testkit::MakeSmooth(64, 32, 3), ImageFormat::kJpeg, {});
  for (std::size_t i = 2; i + 9 < jpeg.size(); ++i) {
    if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) {  // FF C0, length, precision, height, width
      jpeg[i + 5] = static_cast<std::uint8_t>(height >> 8);
      jpeg[i + 6] = static_cast<std::uint8_t>(height & 0xFF);
      jpeg[i + 7] = static_cast<std::uint8_t>(width >> 8);
      jpeg[i + 8] = static_cast<std::uint8_t>(width & 0xFF);
      return jpeg;
    }
  }
  ADD_FAILURE() << "no SOF0";
  return jpeg;
}

TEST(CliSplitSourcesTest, UnsupportedDeclaredSizesNameTheFile) {
  TempDir dir;
  fs::create_directories(dir.path() / "in");
  WriteFileAtomic(dir / "in/good.jpg",
                  EncodeImage(testkit::RenderEquirect(256, 128, 3, 1, 1), ImageFormat::kJpeg, {}));
  WriteFileAtomic(dir / "in/huge_png.png", PngHeaderOnly(65500, 32750));
  WriteFileAtomic(dir / "in/huge_jpg.jpg", JpegClaiming(65500, 32750));
  ASSERT_EQ(ReadImageInfo(dir / "in/huge_png.png").width, 65500);
  ASSERT_EQ(ReadImageInfo(dir / "in/huge_jpg.jpg").height, 32750);
  const auto r = RunCli({"split", dir / "in", "-o", dir / "out", "--rig", "ring:2", "--size", "64x64", "-q"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  for (const char* name : {"in/huge_png.png", "in/huge_jpg.jpg"}) {
    const std::string expected = (dir / name) + ": equirect size 65500x32750 not supported";
    EXPECT_NE(r.err.find(expected), std::string::npos) << expected << " not in: " << r.err;
  }
  EXPECT_TRUE(fs::exists(dir.path() / "out/images/cam00/good.jpg"));
}

}  // namespace
}  // namespace prep360
