#pragma once
// Reading and encoding images: JPEG (TurboJPEG), PNG (spng), TIFF (libtiff).
// Every failure throws prep360::Error whose message names the file and the problem.
#include <cstdint>
#include <string>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/image/row_range.h"
#include "prep360/util/enum_names.h"

namespace prep360 {

enum class ImageFormat { kJpeg, kPng, kTiff };
inline constexpr EnumName<ImageFormat> kImageFormatNames[] = {
    {"jpg", ImageFormat::kJpeg, "JPEG (libjpeg-turbo)"},
    {"jpeg", ImageFormat::kJpeg, nullptr},
    {"png", ImageFormat::kPng, "PNG; keeps 16-bit video at 16 bits"},
    {"tif", ImageFormat::kTiff, "TIFF (Deflate); keeps 16-bit video at 16 bits"},
    {"tiff", ImageFormat::kTiff, nullptr}};
template <>
struct EnumNames<ImageFormat> {
  static constexpr std::span<const EnumName<ImageFormat>> table{kImageFormatNames};
};

// JPEG chroma subsampling.
enum class ChromaSubsampling { k420, k444 };
inline constexpr EnumName<ChromaSubsampling> kChromaSubsamplingNames[] = {
    {"420", ChromaSubsampling::k420, "4:2:0, half-resolution chroma (smaller files)"},
    {"444", ChromaSubsampling::k444, "4:4:4, full-resolution chroma"}};
template <>
struct EnumNames<ChromaSubsampling> {
  static constexpr std::span<const EnumName<ChromaSubsampling>> table{kChromaSubsamplingNames};
};

// "jpg"/"jpeg" -> kJpeg, "png" -> kPng, "tif"/"tiff" -> kTiff; throws Error otherwise.
ImageFormat ParseImageFormat(const std::string& name);
// File extension without the dot: "jpg", "png", "tif".
const char* FormatExtension(ImageFormat format);
// Format from a path's extension (case-insensitive); throws Error naming the path if unknown.
ImageFormat FormatFromPath(const std::string& path);

// Every image is read upright: width and height are the displayed size, after the file's EXIF
// Orientation (1..8, see orientation.h; a JPEG's EXIF APP1, a PNG's eXIf, a TIFF's IFD0) is
// applied, so a stored 1:2 image with orientation 6 reads as 2:1.
struct ImageInfo {
  int width = 0, height = 0, channels = 0, bit_depth = 8;
  ImageFormat format = ImageFormat::kJpeg;
  int orientation = 1;  // the EXIF orientation the decoders apply; 1: stored upright (or no tag)
};

struct EncodeOptions {
  int jpeg_quality = 95;           // 1..100
  ChromaSubsampling jpeg_subsampling = ChromaSubsampling::k420;
  // Compression level 0..9 for PNG, also the Deflate level of TIFF. PNG level 1 (default) is
  // prep360's fast writer: Up filter + a literals-only deflate stream (libdeflate level 1 when
  // the image is very compressible), about as small as zlib level 1 on photos and several times
  // faster; levels 2..9 are classic spng/zlib (adaptive filter per row); 0 stores.
  int png_compression = 1;
  bool tiff_deflate = true;  // Deflate + horizontal predictor (libdeflate), else uncompressed
};

// Reads only the header (size, channels, bit depth). Detects the format from the content.
ImageInfo ReadImageInfo(const std::string& path);
ImageInfo ReadImageInfo(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors);

// Decodes a whole file, upright (its EXIF orientation applied). 8-bit JPEG -> 8-bit RGB or gray;
// PNG/TIFF 8 or 16 bit kept as is (palette expanded, alpha kept). The result has `border` pixels
// of (unfilled) border.
Image ReadImage(const std::string& path, int border = 0);
Image DecodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors, int border = 0);
// Decodes rows `rows` (of the upright image, clamped to it) at least: JPEG decodes only the stored
// rows those come from (the other rows are left unset, and damage wholly after them goes
// unnoticed), except for orientations 5..8 (every stored row feeds every displayed row), which
// decode the whole file; PNG and TIFF decode every row.
Image DecodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors, int border,
                  RowRange rows);

// Encodes once. 16-bit images to JPEG are converted to 8-bit (rounding); PNG/TIFF keep 16-bit.
std::vector<std::uint8_t> EncodeImage(const Image& image, ImageFormat format, const EncodeOptions& options);

// Reads a whole file into memory; throws Error naming the file.
std::vector<std::uint8_t> ReadFileBytes(const std::string& path);

}  // namespace prep360
