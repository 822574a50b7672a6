#include "prep360/image/tiff_codec.h"

#include <tiffio.h>

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <cstring>
#include <memory>

#include "prep360/util/error.h"

namespace prep360::internal {
namespace {

// ---- In-memory I/O for libtiff ---------------------------------------------------------------

struct MemoryFile {
  const std::uint8_t* read_data = nullptr;          // reading: the caller's bytes
  std::vector<std::uint8_t>* write_data = nullptr;  // writing: grows as libtiff writes
  std::uint64_t size = 0;
  std::uint64_t pos = 0;
  const std::uint8_t* Data() const { return write_data != nullptr ? write_data->data() : read_data; }
};

tmsize_t MemRead(thandle_t handle, void* buffer, tmsize_t count) {
  auto* file = static_cast<MemoryFile*>(handle);
  if (count <= 0 || file->pos >= file->size) return 0;
  const std::uint64_t n = std::min<std::uint64_t>(static_cast<std::uint64_t>(count), file->size - file->pos);
  std::memcpy(buffer, file->Data() + file->pos, n);
  file->pos += n;
  return static_cast<tmsize_t>(n);
}

tmsize_t MemWrite(thandle_t handle, void* buffer, tmsize_t count) {
  auto* file = static_cast<MemoryFile*>(handle);
  if (file->write_data == nullptr || count < 0) return -1;
  const std::uint64_t end = file->pos + static_cast<std::uint64_t>(count);
  if (end > file->write_data->size()) file->write_data->resize(end);
  std::memcpy(file->write_data->data() + file->pos, buffer, static_cast<std::size_t>(count));
  file->pos = end;
  file->size = std::max(file->size, end);
  return count;
}

toff_t MemSeek(thandle_t handle, toff_t offset, int whence) {
  auto* file = static_cast<MemoryFile*>(handle);
  std::uint64_t base = 0;
  if (whence == SEEK_CUR) base = file->pos;
  if (whence == SEEK_END) base = file->size;
  file->pos = base + offset;
  return file->pos;
}

int MemClose(thandle_t /*handle*/) { return 0; }
toff_t MemSize(thandle_t handle) { return static_cast<MemoryFile*>(handle)->size; }
int MemMap(thandle_t /*handle*/, void** /*base*/, toff_t* /*size*/) { return 0; }
void MemUnmap(thandle_t /*handle*/, void* /*base*/, toff_t /*size*/) {}

// Keeps libtiff's first error message for this file; warnings are dropped.
struct Messages {
  std::string first_error;
};

int OnError(TIFF* /*tif*/, void* user, const char* /*module*/, const char* fmt, va_list ap) {
  auto* messages = static_cast<Messages*>(user);
  if (messages->first_error.empty()) {
    char text[512];
    std::vsnprintf(text, sizeof(text), fmt, ap);
    messages->first_error = text;
  }
  return 1;
}

int OnWarning(TIFF* /*tif*/, void* /*user*/, const char* /*module*/, const char* /*fmt*/, va_list /*ap*/) {
  return 1;
}

struct TiffCloser {
  void operator()(TIFF* tif) const { TIFFClose(tif); }
};
using TiffPtr = std::unique_ptr<TIFF, TiffCloser>;

// One open TIFF over memory with its error sink (the sink must outlive the TIFF*).
class MemoryTiff {
 public:
  MemoryTiff(MemoryFile file, const char* mode, const std::string& name) : file_(file) {
    TIFFOpenOptions* options = TIFFOpenOptionsAlloc();
    TIFFOpenOptionsSetErrorHandlerExtR(options, OnError, &messages_);
    TIFFOpenOptionsSetWarningHandlerExtR(options, OnWarning, nullptr);
    tif_.reset(TIFFClientOpenExt(name.c_str(), mode, &file_, MemRead, MemWrite, MemSeek, MemClose, MemSize,
                                 MemMap, MemUnmap, options));
    TIFFOpenOptionsFree(options);
  }
  TIFF* get() const { return tif_.get(); }
  const std::string& error() const { return messages_.first_error; }
  void Close() { tif_.reset(); }

 private:
  MemoryFile file_;
  Messages messages_;
  TiffPtr tif_;
};

// True when the first directory offset in the header points past the end of the data: the
// file was cut (libtiff writes the directory after the pixel data).
bool FirstDirectoryMissing(std::span<const std::uint8_t> bytes) {
  if (bytes.size() < 8) return true;
  const bool little = bytes[0] == 'I';
  auto read = [&](std::size_t pos, int n) {
    std::uint64_t v = 0;
    for (int i = 0; i < n; ++i) {
      const std::uint64_t b = bytes[pos + static_cast<std::size_t>(i)];
      v |= little ? b << (8 * i) : b << (8 * (n - 1 - i));
    }
    return v;
  };
  const bool big_tiff = read(2, 2) == 43;
  if (big_tiff && bytes.size() < 16) return true;
  const std::uint64_t offset = big_tiff ? read(8, 8) : read(4, 4);
  return offset + (big_tiff ? 8 : 2) > bytes.size();
}

Error TiffError(const std::string& name, const MemoryTiff& tiff, const char* fallback) {
  std::string why = tiff.error();
  // libtiff often starts its messages with the file name we gave it; we add our own.
  if (why.rfind(name + ": ", 0) == 0) why.erase(0, name.size() + 2);
  if (why.empty()) why = fallback;
  if (why.find("end of file") != std::string::npos || why.find("Read error") != std::string::npos ||
      why.find("Seek error") != std::string::npos || why.find("past end") != std::string::npos) {
    return FileError(name, "truncated TIFF data (" + why + ")");
  }
  return FileError(name, "corrupt TIFF data (" + why + ")");
}

// Opens `bytes` for reading; throws Error naming `name` when libtiff cannot.
void CheckOpened(const MemoryTiff& tiff, std::span<const std::uint8_t> bytes, const std::string& name) {
  if (tiff.get() != nullptr) return;
  if (FirstDirectoryMissing(bytes)) throw FileError(name, "truncated TIFF data (no image directory)");
  throw TiffError(name, tiff, "cannot open");
}

// ---- Decoding plan ---------------------------------------------------------------------------

enum class ReadPath { kScanlines, kTiles, kRgba };

struct Plan {
  int width = 0, height = 0, channels = 0, bytes_per_sample = 1;
  int file_samples = 0;       // samples per pixel in the file (direct paths)
  bool min_is_white = false;  // invert gray (direct paths)
  ReadPath path = ReadPath::kScanlines;
};

Plan MakePlan(TIFF* tif, const std::string& name) {
  std::uint32_t width = 0, height = 0;
  if (TIFFGetField(tif, TIFFTAG_IMAGEWIDTH, &width) != 1 ||
      TIFFGetField(tif, TIFFTAG_IMAGELENGTH, &height) != 1 || width == 0 || height == 0 || width > 1u << 30 ||
      height > 1u << 30) {
    throw FileError(name, "corrupt TIFF data (bad image size)");
  }
  std::uint16_t spp = 1, bps = 1, sample_format = SAMPLEFORMAT_UINT, planar = PLANARCONFIG_CONTIG;
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLESPERPIXEL, &spp);
  TIFFGetFieldDefaulted(tif, TIFFTAG_BITSPERSAMPLE, &bps);
  TIFFGetFieldDefaulted(tif, TIFFTAG_SAMPLEFORMAT, &sample_format);
  TIFFGetFieldDefaulted(tif, TIFFTAG_PLANARCONFIG, &planar);
  std::uint16_t photometric = 0;
  if (TIFFGetField(tif, TIFFTAG_PHOTOMETRIC, &photometric) != 1) {
    photometric = spp >= 3 ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK;
  }
  std::uint16_t extra_count = 0;
  std::uint16_t* extra_types = nullptr;
  TIFFGetFieldDefaulted(tif, TIFFTAG_EXTRASAMPLES, &extra_count, &extra_types);

  if (sample_format != SAMPLEFORMAT_UINT && sample_format != SAMPLEFORMAT_VOID) {
    throw FileError(name, "unsupported TIFF sample format (only unsigned integer samples)");
  }
  Plan plan;
  plan.width = static_cast<int>(width);
  plan.height = static_cast<int>(height);
  const bool gray = photometric == PHOTOMETRIC_MINISBLACK || photometric == PHOTOMETRIC_MINISWHITE;
  const bool direct =
      (bps == 8 || bps == 16) && (planar == PLANARCONFIG_CONTIG || spp == 1) &&
      ((gray && (spp == 1 || spp == 2)) || (photometric == PHOTOMETRIC_RGB && (spp == 3 || spp == 4)));
  if (direct) {
    plan.file_samples = spp;
    plan.channels = spp == 2 ? 4 : spp;
    plan.bytes_per_sample = bps / 8;
    plan.min_is_white = photometric == PHOTOMETRIC_MINISWHITE;
    plan.path = TIFFIsTiled(tif) ? ReadPath::kTiles : ReadPath::kScanlines;
    return plan;
  }
  char why[1024] = "";
  if (TIFFRGBAImageOK(tif, why) != 1)
    throw FileError(name, std::string("unsupported TIFF layout (") + why + ")");
  plan.path = ReadPath::kRgba;
  plan.bytes_per_sample = 1;
  plan.channels = extra_count > 0 ? 4 : (gray && spp == 1 ? 1 : 3);
  return plan;
}

// Copies `count` pixels of file samples into the image row at x0, expanding gray+alpha to RGBA and
// inverting min-is-white gray.
template <typename T>
void StorePixels(const T* src, T* dst, int count, const Plan& plan) {
  constexpr T kMax = static_cast<T>(~T{0});
  const std::size_t n = static_cast<std::size_t>(count);
  if (plan.file_samples == 2) {
    for (std::size_t i = 0; i < n; ++i) {
      const T g = plan.min_is_white ? static_cast<T>(kMax - src[2 * i]) : src[2 * i];
      dst[4 * i] = dst[4 * i + 1] = dst[4 * i + 2] = g;
      dst[4 * i + 3] = src[2 * i + 1];
    }
  } else if (plan.min_is_white) {
    for (std::size_t i = 0; i < n; ++i) dst[i] = static_cast<T>(kMax - src[i]);
  } else if (src != dst) {
    std::memcpy(dst, src, n * static_cast<std::size_t>(plan.file_samples) * sizeof(T));
  }
}

void StorePixels(const std::uint8_t* src, Image& image, int x0, int y, int count, const Plan& plan) {
  if (plan.bytes_per_sample == 1) {
    StorePixels(src, image.PixelPtr(x0, y), count, plan);
  } else {
    StorePixels(reinterpret_cast<const std::uint16_t*>(src),
                reinterpret_cast<std::uint16_t*>(image.PixelPtr(x0, y)), count, plan);
  }
}

void ReadScanlines(MemoryTiff& tiff, Image& image, const Plan& plan, const std::string& name) {
  TIFF* tif = tiff.get();
  const std::size_t file_row = static_cast<std::size_t>(plan.width) *
                               static_cast<std::size_t>(plan.file_samples) *
                               static_cast<std::size_t>(plan.bytes_per_sample);
  if (static_cast<std::size_t>(TIFFScanlineSize64(tif)) != file_row) {
    throw FileError(name, "corrupt TIFF data (unexpected scanline size)");
  }
  // Rows decode straight into the image unless they need reshaping (gray+alpha).
  const bool in_place = plan.file_samples == plan.channels;
  std::vector<std::uint8_t> scratch(in_place ? 0 : file_row);
  for (int y = 0; y < plan.height; ++y) {
    std::uint8_t* dst = in_place ? image.Row(y) : scratch.data();
    if (TIFFReadScanline(tif, dst, static_cast<std::uint32_t>(y), 0) != 1) {
      throw TiffError(name, tiff, "cannot read scanline");
    }
    StorePixels(dst, image, 0, y, plan.width, plan);
  }
}

void ReadTiles(MemoryTiff& tiff, Image& image, const Plan& plan, const std::string& name) {
  TIFF* tif = tiff.get();
  std::uint32_t tile_w = 0, tile_h = 0;
  if (TIFFGetField(tif, TIFFTAG_TILEWIDTH, &tile_w) != 1 ||
      TIFFGetField(tif, TIFFTAG_TILELENGTH, &tile_h) != 1 || tile_w == 0 || tile_h == 0) {
    throw FileError(name, "corrupt TIFF data (bad tile size)");
  }
  const std::size_t pixel_bytes = static_cast<std::size_t>(plan.file_samples * plan.bytes_per_sample);
  const std::size_t tile_row = static_cast<std::size_t>(tile_w) * pixel_bytes;
  if (static_cast<std::size_t>(TIFFTileSize64(tif)) != tile_row * tile_h) {
    throw FileError(name, "corrupt TIFF data (unexpected tile size)");
  }
  std::vector<std::uint8_t> tile(tile_row * tile_h);
  for (std::uint32_t ty = 0; ty < static_cast<std::uint32_t>(plan.height); ty += tile_h) {
    for (std::uint32_t tx = 0; tx < static_cast<std::uint32_t>(plan.width); tx += tile_w) {
      if (TIFFReadTile(tif, tile.data(), tx, ty, 0, 0) < 0) throw TiffError(name, tiff, "cannot read tile");
      const int rows =
          static_cast<int>(std::min<std::uint32_t>(tile_h, static_cast<std::uint32_t>(plan.height) - ty));
      const int cols =
          static_cast<int>(std::min<std::uint32_t>(tile_w, static_cast<std::uint32_t>(plan.width) - tx));
      for (int r = 0; r < rows; ++r) {
        const std::uint8_t* src = tile.data() + static_cast<std::size_t>(r) * tile_row;
        const int y = static_cast<int>(ty) + r;
        if (plan.file_samples == plan.channels && !plan.min_is_white) {
          std::memcpy(image.PixelPtr(static_cast<int>(tx), y), src,
                      static_cast<std::size_t>(cols) * pixel_bytes);
        } else {
          StorePixels(src, image, static_cast<int>(tx), y, cols, plan);
        }
      }
    }
  }
}

void ReadRgba(MemoryTiff& tiff, Image& image, const Plan& plan, const std::string& name) {
  const std::size_t count = static_cast<std::size_t>(plan.width) * static_cast<std::size_t>(plan.height);
  std::vector<std::uint32_t> raster(count);
  // Rows as stored, like the other paths: asking for the file's own orientation makes libtiff
  // flip nothing; image_io applies the orientation to every format alike.
  std::uint16_t stored = ORIENTATION_TOPLEFT;
  if (TIFFGetFieldDefaulted(tiff.get(), TIFFTAG_ORIENTATION, &stored) != 1 || stored < ORIENTATION_TOPLEFT ||
      stored > ORIENTATION_LEFTBOT) {
    stored = ORIENTATION_TOPLEFT;
  }
  if (TIFFReadRGBAImageOriented(tiff.get(), static_cast<std::uint32_t>(plan.width),
                                static_cast<std::uint32_t>(plan.height), raster.data(), stored, 0) != 1) {
    throw TiffError(name, tiff, "cannot read image");
  }
  for (int y = 0; y < plan.height; ++y) {
    const std::uint32_t* src =
        raster.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(plan.width);
    std::uint8_t* dst = image.Row(y);
    for (int x = 0; x < plan.width; ++x) {
      const std::uint32_t p = src[x];
      const auto r = static_cast<std::uint8_t>(TIFFGetR(p));
      if (plan.channels == 1) {
        dst[x] = r;
        continue;
      }
      std::uint8_t* q = dst + static_cast<std::size_t>(x) * static_cast<std::size_t>(plan.channels);
      q[0] = r;
      q[1] = static_cast<std::uint8_t>(TIFFGetG(p));
      q[2] = static_cast<std::uint8_t>(TIFFGetB(p));
      if (plan.channels == 4) q[3] = static_cast<std::uint8_t>(TIFFGetA(p));
    }
  }
}

MemoryFile ReadOnly(std::span<const std::uint8_t> bytes) {
  MemoryFile file;
  file.read_data = bytes.data();
  file.size = bytes.size();
  return file;
}

}  // namespace

ImageInfo ReadTiffInfo(std::span<const std::uint8_t> bytes, const std::string& name) {
  MemoryTiff tiff(ReadOnly(bytes), "rm", name);
  CheckOpened(tiff, bytes, name);
  const Plan plan = MakePlan(tiff.get(), name);
  ImageInfo info;
  info.width = plan.width;
  info.height = plan.height;
  info.channels = plan.channels;
  info.bit_depth = plan.bytes_per_sample * 8;
  info.format = ImageFormat::kTiff;
  return info;
}

Image DecodeTiff(std::span<const std::uint8_t> bytes, const std::string& name, int border) {
  MemoryTiff tiff(ReadOnly(bytes), "rm", name);
  CheckOpened(tiff, bytes, name);
  const Plan plan = MakePlan(tiff.get(), name);
  Image image(plan.width, plan.height, plan.channels, plan.bytes_per_sample, border);
  switch (plan.path) {
    case ReadPath::kScanlines:
      ReadScanlines(tiff, image, plan, name);
      break;
    case ReadPath::kTiles:
      ReadTiles(tiff, image, plan, name);
      break;
    case ReadPath::kRgba:
      ReadRgba(tiff, image, plan, name);
      break;
  }
  return image;
}

std::vector<std::uint8_t> EncodeTiff(const Image& image, const EncodeOptions& options) {
  if (image.empty()) throw Error("cannot encode an empty image as TIFF");
  if (options.png_compression < 0 || options.png_compression > 9) {
    throw Error("TIFF deflate level must be 0..9, got " + std::to_string(options.png_compression));
  }
  const bool deflate = options.tiff_deflate && options.png_compression > 0;
  std::vector<std::uint8_t> out;
  const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * image.bytes_per_pixel();
  out.reserve(row_bytes * static_cast<std::size_t>(image.height()) / 2 + 4096);
  MemoryFile file;
  file.write_data = &out;
  MemoryTiff tiff(file, "wm", "memory");
  TIFF* tif = tiff.get();
  if (tif == nullptr) throw Error("TIFF encoding failed: " + tiff.error());

  const auto channels = static_cast<std::uint16_t>(image.channels());
  bool ok =
      TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<std::uint32_t>(image.width())) == 1 &&
      TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<std::uint32_t>(image.height())) == 1 &&
      TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, channels) == 1 &&
      TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<std::uint16_t>(image.bit_depth())) == 1 &&
      TIFFSetField(tif, TIFFTAG_SAMPLEFORMAT, static_cast<std::uint16_t>(SAMPLEFORMAT_UINT)) == 1 &&
      TIFFSetField(tif, TIFFTAG_PLANARCONFIG, static_cast<std::uint16_t>(PLANARCONFIG_CONTIG)) == 1 &&
      TIFFSetField(tif, TIFFTAG_ORIENTATION, static_cast<std::uint16_t>(ORIENTATION_TOPLEFT)) == 1 &&
      TIFFSetField(tif, TIFFTAG_PHOTOMETRIC,
                   static_cast<std::uint16_t>(channels == 1 ? PHOTOMETRIC_MINISBLACK : PHOTOMETRIC_RGB)) == 1;
  if (ok && channels == 4) {
    const std::uint16_t extra = EXTRASAMPLE_UNASSALPHA;
    ok = TIFFSetField(tif, TIFFTAG_EXTRASAMPLES, static_cast<std::uint16_t>(1), &extra) == 1;
  }
  if (ok && deflate) {
    ok = TIFFSetField(tif, TIFFTAG_COMPRESSION, static_cast<std::uint16_t>(COMPRESSION_ADOBE_DEFLATE)) == 1 &&
         TIFFSetField(tif, TIFFTAG_PREDICTOR, static_cast<std::uint16_t>(PREDICTOR_HORIZONTAL)) == 1 &&
         TIFFSetField(tif, TIFFTAG_ZIPQUALITY, options.png_compression) == 1;
  } else if (ok) {
    ok = TIFFSetField(tif, TIFFTAG_COMPRESSION, static_cast<std::uint16_t>(COMPRESSION_NONE)) == 1;
  }
  // Strips of about 256 KiB: big enough for Deflate to work well, small enough to stream.
  const auto rows_per_strip = static_cast<std::uint32_t>(
      std::clamp<std::size_t>((256u << 10) / row_bytes, 1, static_cast<std::size_t>(image.height())));
  if (ok) ok = TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, rows_per_strip) == 1;
  if (!ok) throw Error("TIFF encoding failed: " + tiff.error());

  // Whole strips go to TIFFWriteEncodedStrip, which lets libtiff use libdeflate (several times
  // faster than zlib; it cannot stream scanlines). The strip is a copy because the predictor
  // rewrites the buffer it is given.
  std::vector<std::uint8_t> strip(row_bytes * rows_per_strip);
  for (std::uint32_t y0 = 0, index = 0; y0 < static_cast<std::uint32_t>(image.height());
       y0 += rows_per_strip, ++index) {
    const std::uint32_t rows = std::min(rows_per_strip, static_cast<std::uint32_t>(image.height()) - y0);
    for (std::uint32_t r = 0; r < rows; ++r) {
      std::memcpy(strip.data() + r * row_bytes, image.Row(static_cast<int>(y0 + r)), row_bytes);
    }
    if (TIFFWriteEncodedStrip(tif, index, strip.data(), static_cast<tmsize_t>(rows * row_bytes)) < 0) {
      throw Error("TIFF encoding failed: " + tiff.error());
    }
  }
  if (TIFFWriteDirectory(tif) != 1) throw Error("TIFF encoding failed: " + tiff.error());
  tiff.Close();
  return out;
}

}  // namespace prep360::internal
