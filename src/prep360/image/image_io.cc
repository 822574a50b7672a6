#include "prep360/image/image_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>
#include <span>
#include <utility>

#include "prep360/image/exif_orientation.h"
#include "prep360/image/jpeg_codec.h"
#include "prep360/image/orientation.h"
#include "prep360/image/png_codec.h"
#include "prep360/image/tiff_codec.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool StartsWith(std::span<const std::uint8_t> bytes, std::initializer_list<std::uint8_t> magic) {
  return bytes.size() >= magic.size() && std::equal(magic.begin(), magic.end(), bytes.begin());
}

// The format from the first bytes; throws Error naming `name` for empty or unknown content.
ImageFormat DetectFormat(std::span<const std::uint8_t> bytes, const std::string& name) {
  if (bytes.empty()) throw FileError(name, "empty file");
  if (StartsWith(bytes, {0xFF, 0xD8, 0xFF})) return ImageFormat::kJpeg;
  if (StartsWith(bytes, {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) return ImageFormat::kPng;
  if (StartsWith(bytes, {'I', 'I', 42, 0}) || StartsWith(bytes, {'M', 'M', 0, 42}) ||
      StartsWith(bytes, {'I', 'I', 43, 0}) || StartsWith(bytes, {'M', 'M', 0, 43})) {
    return ImageFormat::kTiff;
  }
  throw FileError(name, "not a JPEG/PNG/TIFF file");
}

ImageInfo StoredInfo(std::span<const std::uint8_t> bytes, const std::string& name) {
  switch (DetectFormat(bytes, name)) {
    case ImageFormat::kJpeg:
      return internal::ReadJpegInfo(bytes, name);
    case ImageFormat::kPng:
      return internal::ReadPngInfo(bytes, name);
    case ImageFormat::kTiff:
      return internal::ReadTiffInfo(bytes, name);
  }
  throw FileError(name, "not a JPEG/PNG/TIFF file");
}

// The header with the EXIF orientation applied to the size.
ImageInfo InfoFromBytes(std::span<const std::uint8_t> bytes, const std::string& name) {
  ImageInfo info = StoredInfo(bytes, name);
  info.orientation = internal::ReadExifOrientation(bytes);
  if (internal::SwapsAxes(info.orientation)) std::swap(info.width, info.height);
  return info;
}

// The whole image as stored (no orientation applied).
Image DecodeStored(ImageFormat format, std::span<const std::uint8_t> bytes, const std::string& name,
                   int border) {
  switch (format) {
    case ImageFormat::kJpeg:
      return internal::DecodeJpeg(bytes, name, border);
    case ImageFormat::kPng:
      return internal::DecodePng(bytes, name, border);
    case ImageFormat::kTiff:
      return internal::DecodeTiff(bytes, name, border);
  }
  throw FileError(name, "not a JPEG/PNG/TIFF file");
}

constexpr RowRange kAllRows{0, std::numeric_limits<int>::max()};

class FileDescriptor {
 public:
  explicit FileDescriptor(const std::string& path) : fd_(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {
    if (fd_ < 0) throw FileError(path, std::string("cannot open: ") + std::strerror(errno));
  }
  ~FileDescriptor() { ::close(fd_); }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

std::size_t FileSize(const FileDescriptor& fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw FileError(path, std::string("cannot stat: ") + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw FileError(path, "is a directory, not a file");
  if (st.st_size == 0) throw FileError(path, "empty file");
  return static_cast<std::size_t>(st.st_size);
}

// Reads up to `max_bytes` from the start of the file (all of it by default).
std::vector<std::uint8_t> ReadPrefix(const FileDescriptor& fd, const std::string& path,
                                     std::size_t max_bytes) {
  std::vector<std::uint8_t> bytes(max_bytes);
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::read(fd.get(), bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw FileError(path, std::string("cannot read: ") + std::strerror(errno));
    }
    if (n == 0) break;
    done += static_cast<std::size_t>(n);
  }
  bytes.resize(done);
  if (bytes.empty()) throw FileError(path, "empty file");
  return bytes;
}

// Headers that do not fit in this many leading bytes are retried with the whole file.
constexpr std::size_t kInfoPrefixBytes = 256 << 10;

}  // namespace

ImageFormat ParseImageFormat(const std::string& name) {
  return ParseName<ImageFormat>(Lower(name), "image format");
}

const char* FormatExtension(ImageFormat format) {
  return NameOf(format).data();  // the table's names are literals, so NUL-terminated
}

ImageFormat FormatFromPath(const std::string& path) {
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) {
    throw FileError(path, "no image file extension (expected .jpg, .png or .tif)");
  }
  const std::string ext = Lower(path.substr(dot + 1));
  if (ext == "jpg" || ext == "jpeg") return ImageFormat::kJpeg;
  if (ext == "png") return ImageFormat::kPng;
  if (ext == "tif" || ext == "tiff") return ImageFormat::kTiff;
  throw FileError(path, "unknown image file extension (expected .jpg, .png or .tif)");
}

std::vector<std::uint8_t> ReadFileBytes(const std::string& path) {
  FileDescriptor fd(path);
  return ReadPrefix(fd, path, FileSize(fd, path));
}

ImageInfo ReadImageInfo(const std::string& path) {
  std::size_t size = 0;
  std::vector<std::uint8_t> prefix;
  {
    FileDescriptor fd(path);
    size = FileSize(fd, path);
    prefix = ReadPrefix(fd, path, std::min(size, kInfoPrefixBytes));
  }
  if (prefix.size() >= size) return InfoFromBytes(prefix, path);
  try {
    return InfoFromBytes(prefix, path);
  } catch (const Error&) {
    // The header may extend past the prefix (large APP segments, IFD at the end of a TIFF).
    DetectFormat(prefix, path);
    return InfoFromBytes(ReadFileBytes(path), path);
  }
}

ImageInfo ReadImageInfo(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors) {
  return InfoFromBytes(bytes, name_for_errors);
}

Image ReadImage(const std::string& path, int border) {
  return DecodeImage(ReadFileBytes(path), path, border);
}

Image DecodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors, int border) {
  const ImageFormat format = DetectFormat(bytes, name_for_errors);
  const int orientation = internal::ReadExifOrientation(bytes);
  if (orientation == 1) return DecodeStored(format, bytes, name_for_errors, border);
  return internal::OrientImage(DecodeStored(format, bytes, name_for_errors, 0), orientation, border, kAllRows);
}

Image DecodeImage(const std::vector<std::uint8_t>& bytes, const std::string& name_for_errors, int border,
                  RowRange rows) {
  if (DetectFormat(bytes, name_for_errors) != ImageFormat::kJpeg) return DecodeImage(bytes, name_for_errors, border);
  const int orientation = internal::ReadExifOrientation(bytes);
  if (orientation == 1) return internal::DecodeJpegRows(bytes, name_for_errors, border, rows);
  if (internal::SwapsAxes(orientation)) {
    return internal::OrientImage(internal::DecodeJpeg(bytes, name_for_errors, 0), orientation, border, rows);
  }
  // 2..4: displayed row y is stored row y or height - 1 - y; decode just those.
  const int height = internal::ReadJpegInfo(bytes, name_for_errors).height;
  const RowRange stored_rows = internal::StoredRows(orientation, rows, height, height);
  return internal::OrientImage(internal::DecodeJpegRows(bytes, name_for_errors, 0, stored_rows), orientation,
                               border, rows);
}

std::vector<std::uint8_t> EncodeImage(const Image& image, ImageFormat format, const EncodeOptions& options) {
  switch (format) {
    case ImageFormat::kJpeg:
      return internal::EncodeJpeg(image, options);
    case ImageFormat::kPng:
      return internal::EncodePng(image, options);
    case ImageFormat::kTiff:
      return internal::EncodeTiff(image, options);
  }
  throw Error("unknown image format");
}

}  // namespace prep360
