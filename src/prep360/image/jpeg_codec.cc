#include "prep360/image/jpeg_codec.h"

#include <turbojpeg.h>

#include <climits>
#include <cstring>

#include "prep360/util/error.h"

namespace prep360::internal {
namespace {

// A TurboJPEG handle owned by one thread for its whole life (handles are not thread-safe).
class ThreadHandle {
 public:
  explicit ThreadHandle(bool compress) : handle_(compress ? tjInitCompress() : tjInitDecompress()) {}
  ~ThreadHandle() {
    if (handle_ != nullptr) tjDestroy(handle_);
  }
  ThreadHandle(const ThreadHandle&) = delete;
  ThreadHandle& operator=(const ThreadHandle&) = delete;
  tjhandle get() const { return handle_; }

 private:
  tjhandle handle_;
};

tjhandle Decompressor() {
  thread_local ThreadHandle handle(false);
  if (handle.get() == nullptr)
    throw Error(std::string("cannot create TurboJPEG decompressor: ") + tjGetErrorStr2(nullptr));
  return handle.get();
}

tjhandle Compressor() {
  thread_local ThreadHandle handle(true);
  if (handle.get() == nullptr)
    throw Error(std::string("cannot create TurboJPEG compressor: ") + tjGetErrorStr2(nullptr));
  return handle.get();
}

// The per-thread output buffer TurboJPEG compresses into (grown as needed, reused).
class ThreadBuffer {
 public:
  ThreadBuffer() = default;
  ~ThreadBuffer() { tjFree(data_); }
  ThreadBuffer(const ThreadBuffer&) = delete;
  ThreadBuffer& operator=(const ThreadBuffer&) = delete;
  unsigned char* Reserve(unsigned long size) {
    if (size > capacity_) {
      tjFree(data_);
      data_ = tjAlloc(static_cast<int>(size));
      capacity_ = data_ != nullptr ? size : 0;
      if (data_ == nullptr) throw Error("out of memory for the JPEG encoder");
    }
    return data_;
  }

 private:
  unsigned char* data_ = nullptr;
  unsigned long capacity_ = 0;
};

bool EndsWithEoi(std::span<const std::uint8_t> bytes) {
  std::size_t end = bytes.size();
  while (end > 2 && bytes[end - 1] == 0) --end;  // some writers pad after EOI
  return end >= 2 && bytes[end - 2] == 0xFF && bytes[end - 1] == 0xD9;
}

// "name: truncated JPEG data" for TurboJPEG's end-of-data warning or any failure on data that does
// not end in EOI, else "name: corrupt JPEG data (why)".
Error JpegError(tjhandle handle, std::span<const std::uint8_t> bytes, const std::string& name) {
  const std::string why = tjGetErrorStr2(handle);
  if (why.find("Premature end") != std::string::npos || !EndsWithEoi(bytes)) {
    return FileError(name, "truncated JPEG data");
  }
  return FileError(name, "corrupt JPEG data (" + why + ")");
}

struct Header {
  int width = 0, height = 0, channels = 0;
};

Header ParseHeader(tjhandle handle, std::span<const std::uint8_t> bytes, const std::string& name) {
  int width = 0, height = 0, subsamp = 0, colorspace = 0;
  if (tjDecompressHeader3(handle, bytes.data(), bytes.size(), &width, &height, &subsamp, &colorspace) != 0) {
    throw JpegError(handle, bytes, name);
  }
  if (colorspace == TJCS_CMYK || colorspace == TJCS_YCCK) {
    throw FileError(name, "CMYK JPEG is not supported");
  }
  if (width <= 0 || height <= 0) throw FileError(name, "corrupt JPEG data (no image size)");
  return {width, height, colorspace == TJCS_GRAY ? 1 : 3};
}

// 16-bit samples to 8-bit with rounding: (v * 255 + 32767) / 65535.
Image To8Bit(const Image& image) {
  Image out(image.width(), image.height(), image.channels(), 1);
  const std::size_t n = static_cast<std::size_t>(image.width()) * static_cast<std::size_t>(image.channels());
  for (int y = 0; y < image.height(); ++y) {
    const std::uint16_t* src = image.RowAs<std::uint16_t>(y);
    std::uint8_t* dst = out.Row(y);
    for (std::size_t i = 0; i < n; ++i) {
      dst[i] = static_cast<std::uint8_t>((static_cast<std::uint32_t>(src[i]) * 255u + 32767u) / 65535u);
    }
  }
  return out;
}

}  // namespace

ImageInfo ReadJpegInfo(std::span<const std::uint8_t> bytes, const std::string& name) {
  const Header header = ParseHeader(Decompressor(), bytes, name);
  ImageInfo info;
  info.width = header.width;
  info.height = header.height;
  info.channels = header.channels;
  info.bit_depth = 8;
  info.format = ImageFormat::kJpeg;
  return info;
}

Image DecodeJpeg(std::span<const std::uint8_t> bytes, const std::string& name, int border) {
  tjhandle handle = Decompressor();
  const Header header = ParseHeader(handle, bytes, name);
  Image image(header.width, header.height, header.channels, 1, border);
  if (image.stride() > static_cast<std::size_t>(INT_MAX)) throw FileError(name, "image too large");
  const int pixel_format = header.channels == 1 ? TJPF_GRAY : TJPF_RGB;
  // Stop on the first warning: a warning means damaged or truncated data, which we reject.
  if (tjDecompress2(handle, bytes.data(), bytes.size(), image.Row(0), header.width,
                    static_cast<int>(image.stride()), header.height, pixel_format,
                    TJFLAG_STOPONWARNING) != 0) {
    throw JpegError(handle, bytes, name);
  }
  return image;
}

std::vector<std::uint8_t> EncodeJpeg(const Image& image, const EncodeOptions& options) {
  if (image.empty()) throw Error("cannot encode an empty image as JPEG");
  if (options.jpeg_quality < 1 || options.jpeg_quality > 100) {
    throw Error("JPEG quality must be 1..100, got " + std::to_string(options.jpeg_quality));
  }
  Image converted;
  const Image* source = &image;
  if (image.bytes_per_sample() == 2) {
    converted = To8Bit(image);
    source = &converted;
  }
  if (source->stride() > static_cast<std::size_t>(INT_MAX)) throw Error("image too large for JPEG");
  int pixel_format = TJPF_RGB;
  int subsamp = options.jpeg_subsample_420 ? TJSAMP_420 : TJSAMP_444;
  if (source->channels() == 1) {
    pixel_format = TJPF_GRAY;
    subsamp = TJSAMP_GRAY;
  } else if (source->channels() == 4) {
    pixel_format = TJPF_RGBX;  // alpha ignored
  }
  tjhandle handle = Compressor();
  thread_local ThreadBuffer buffer;
  unsigned long size = tjBufSize(source->width(), source->height(), subsamp);
  if (size == static_cast<unsigned long>(-1)) throw Error("image too large for JPEG");
  unsigned char* out = buffer.Reserve(size);
  if (tjCompress2(handle, source->Row(0), source->width(), static_cast<int>(source->stride()),
                  source->height(), pixel_format, &out, &size, subsamp, options.jpeg_quality,
                  TJFLAG_NOREALLOC) != 0) {
    throw Error(std::string("JPEG encoding failed: ") + tjGetErrorStr2(handle));
  }
  return std::vector<std::uint8_t>(out, out + size);
}

}  // namespace prep360::internal
