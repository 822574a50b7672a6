#include "prep360/image/jpeg_codec.h"

#include <turbojpeg.h>

#include <algorithm>
#include <climits>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <vector>

#include <jpeglib.h>

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
Error JpegError(const std::string& why, std::span<const std::uint8_t> bytes, const std::string& name) {
  if (why.find("Premature end") != std::string::npos || !EndsWithEoi(bytes)) {
    return FileError(name, "truncated JPEG data");
  }
  return FileError(name, "corrupt JPEG data (" + why + ")");
}

Error JpegError(tjhandle handle, std::span<const std::uint8_t> bytes, const std::string& name) {
  return JpegError(std::string(tjGetErrorStr2(handle)), bytes, name);
}

// libjpeg error manager: errors, and warnings too (as TurboJPEG's TJFLAG_STOPONWARNING), store
// libjpeg's message and longjmp back to DecodeRowsOrFail.
struct JumpingErrorManager {
  jpeg_error_mgr pub;  // first: libjpeg sees a jpeg_error_mgr*
  std::jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
};

[[noreturn]] void JumpOnError(j_common_ptr cinfo) {
  auto* err = reinterpret_cast<JumpingErrorManager*>(cinfo->err);
  (*cinfo->err->format_message)(cinfo, err->message);
  std::longjmp(err->jump, 1);
}

void JumpOnWarning(j_common_ptr cinfo, int msg_level) {
  if (msg_level < 0) JumpOnError(cinfo);  // >= 0: trace messages, ignored
}

// Reads rows [begin, end) of the JPEG in `cinfo` into row_ptrs[0 .. end - begin). Plain C-style
// code only (no objects with destructors) between setjmp and any longjmp. False on an error or
// warning, with the message in err->message.
bool DecodeRowsOrFail(jpeg_decompress_struct* cinfo, JumpingErrorManager* err,
                      std::span<const std::uint8_t> bytes, int channels, int begin, int end,
                      std::uint8_t** row_ptrs) {
  if (setjmp(err->jump) != 0) return false;
  jpeg_CreateDecompress(cinfo, JPEG_LIB_VERSION, sizeof(*cinfo));
  jpeg_mem_src(cinfo, bytes.data(), static_cast<unsigned long>(bytes.size()));
  jpeg_read_header(cinfo, TRUE);
  // As TurboJPEG decodes: RGB or gray out, default (accurate integer) IDCT, fancy upsampling.
  cinfo->out_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_start_decompress(cinfo);
  if (cinfo->output_components != channels) {
    std::snprintf(err->message, sizeof(err->message), "unexpected component count %d",
                  cinfo->output_components);
    return false;
  }
  JDIMENSION row = 0;
  while (row < static_cast<JDIMENSION>(begin)) {
    const JDIMENSION skipped = jpeg_skip_scanlines(cinfo, static_cast<JDIMENSION>(begin) - row);
    if (skipped == 0) {
      std::snprintf(err->message, sizeof(err->message), "cannot skip scanlines");
      return false;
    }
    row += skipped;
  }
  while (row < static_cast<JDIMENSION>(end)) {
    const JDIMENSION read = jpeg_read_scanlines(cinfo, row_ptrs + (row - static_cast<JDIMENSION>(begin)),
                                                static_cast<JDIMENSION>(end) - row);
    if (read == 0) {
      std::snprintf(err->message, sizeof(err->message), "no scanlines decoded");
      return false;
    }
    row += read;
  }
  // Rows from `end` on are not needed: stop without decoding them (nor checking their data).
  jpeg_abort_decompress(cinfo);
  return true;
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

Image DecodeJpegAtLeast(std::span<const std::uint8_t> bytes, const std::string& name, int min_width,
                        int min_height) {
  tjhandle handle = Decompressor();
  const Header header = ParseHeader(handle, bytes, name);
  int count = 0;
  const tjscalingfactor* factors = tjGetScalingFactors(&count);
  int width = header.width, height = header.height;
  for (int i = 0; factors != nullptr && i < count; ++i) {
    const int w = TJSCALED(header.width, factors[i]), h = TJSCALED(header.height, factors[i]);
    if (w >= min_width && h >= min_height && w <= width && h <= height) {
      width = w;
      height = h;
    }
  }
  if (width == header.width && height == header.height) return DecodeJpeg(bytes, name, 0);
  Image image(width, height, header.channels, 1, 0);
  const int pixel_format = header.channels == 1 ? TJPF_GRAY : TJPF_RGB;
  // tjDecompress2 picks the scaling factor that gives this size.
  if (tjDecompress2(handle, bytes.data(), bytes.size(), image.Row(0), width, static_cast<int>(image.stride()),
                    height, pixel_format, TJFLAG_STOPONWARNING) != 0) {
    throw JpegError(handle, bytes, name);
  }
  return image;
}

Image DecodeJpegRows(std::span<const std::uint8_t> bytes, const std::string& name, int border, RowRange rows) {
  // The header through TurboJPEG, so size checks and header errors match DecodeJpeg exactly.
  const Header header = ParseHeader(Decompressor(), bytes, name);
  const int begin = std::clamp(rows.begin, 0, header.height);
  const int end = std::clamp(rows.end, begin, header.height);
  if (begin == 0 && end == header.height) return DecodeJpeg(bytes, name, border);
  Image image(header.width, header.height, header.channels, 1, border);
  if (begin == end) return image;
  std::vector<std::uint8_t*> row_ptrs(static_cast<std::size_t>(end - begin));
  for (int y = begin; y < end; ++y) row_ptrs[static_cast<std::size_t>(y - begin)] = image.Row(y);

  jpeg_decompress_struct cinfo{};
  JumpingErrorManager err{};
  cinfo.err = jpeg_std_error(&err.pub);
  err.pub.error_exit = JumpOnError;
  err.pub.emit_message = JumpOnWarning;
  const bool ok = DecodeRowsOrFail(&cinfo, &err, bytes, header.channels, begin, end, row_ptrs.data());
  jpeg_destroy_decompress(&cinfo);  // also after a failed create: it checks for allocated memory
  if (!ok) throw JpegError(std::string(err.message), bytes, name);
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
  int subsamp = options.jpeg_subsampling == ChromaSubsampling::k420 ? TJSAMP_420 : TJSAMP_444;
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
