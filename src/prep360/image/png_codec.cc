#include "prep360/image/png_codec.h"

#include <spng.h>

#include "prep360/util/error.h"

namespace prep360::internal {
namespace {

class Context {
 public:
  explicit Context(int flags) : ctx_(spng_ctx_new(flags)) {
    if (ctx_ == nullptr) throw Error("out of memory for the PNG codec");
  }
  ~Context() { spng_ctx_free(ctx_); }
  Context(const Context&) = delete;
  Context& operator=(const Context&) = delete;
  spng_ctx* get() const { return ctx_; }

 private:
  spng_ctx* ctx_;
};

bool IsTruncation(int code) {
  return code == SPNG_IO_EOF || code == SPNG_EOF || code == SPNG_IO_ERROR || code == SPNG_EIDAT_TOO_SHORT;
}

Error PngError(const std::string& name, int code) {
  if (IsTruncation(code)) return FileError(name, "truncated PNG data");
  return FileError(name, std::string("corrupt PNG data (") + spng_strerror(code) + ")");
}

// What the decoder produces for a given PNG: the spng output format and our image layout.
struct Plan {
  int width = 0, height = 0, channels = 0, bytes_per_sample = 1;
  int spng_format = SPNG_FMT_RGB8;
  int decode_flags = 0;
};

Plan MakePlan(spng_ctx* ctx, const std::string& name) {
  spng_ihdr ihdr{};
  if (const int ret = spng_get_ihdr(ctx, &ihdr); ret != 0) throw PngError(name, ret);
  Plan plan;
  plan.width = static_cast<int>(ihdr.width);
  plan.height = static_cast<int>(ihdr.height);
  if (plan.width <= 0 || plan.height <= 0) throw FileError(name, "corrupt PNG data (bad image size)");
  const bool deep = ihdr.bit_depth == 16;
  plan.bytes_per_sample = deep ? 2 : 1;
  switch (ihdr.color_type) {
    case SPNG_COLOR_TYPE_GRAYSCALE:
      // 16-bit gray has no dedicated spng format: SPNG_FMT_PNG is the file's layout, host-endian.
      plan.channels = 1;
      plan.spng_format = deep ? SPNG_FMT_PNG : SPNG_FMT_G8;
      break;
    case SPNG_COLOR_TYPE_TRUECOLOR:
      plan.channels = 3;
      plan.spng_format = deep ? SPNG_FMT_PNG : SPNG_FMT_RGB8;
      break;
    case SPNG_COLOR_TYPE_INDEXED: {
      spng_trns trns{};
      const int ret = spng_get_trns(ctx, &trns);
      if (ret != 0 && ret != SPNG_ECHUNKAVAIL) throw PngError(name, ret);
      const bool has_alpha = ret == 0;
      plan.channels = has_alpha ? 4 : 3;
      plan.bytes_per_sample = 1;
      plan.spng_format = has_alpha ? SPNG_FMT_RGBA8 : SPNG_FMT_RGB8;
      plan.decode_flags = has_alpha ? SPNG_DECODE_TRNS : 0;
      break;
    }
    case SPNG_COLOR_TYPE_GRAYSCALE_ALPHA:
    case SPNG_COLOR_TYPE_TRUECOLOR_ALPHA:
      plan.channels = 4;
      plan.spng_format = deep ? SPNG_FMT_RGBA16 : SPNG_FMT_RGBA8;
      break;
    default:
      throw FileError(name, "corrupt PNG data (unknown color type)");
  }
  return plan;
}

void OpenBuffer(spng_ctx* ctx, std::span<const std::uint8_t> bytes, const std::string& name) {
  if (const int ret = spng_set_png_buffer(ctx, bytes.data(), bytes.size()); ret != 0)
    throw PngError(name, ret);
}

int AppendToVector(spng_ctx* /*ctx*/, void* user, void* src, std::size_t length) {
  auto* out = static_cast<std::vector<std::uint8_t>*>(user);
  const auto* p = static_cast<const std::uint8_t*>(src);
  out->insert(out->end(), p, p + length);
  return 0;
}

// The encoder's speed/size policy (measured on 1920x1080 photo-like views with
// image_io_bench.cc and a filter/strategy sweep): level 0 stores unfiltered; level 1, the default, uses the
// Up filter on every row with zlib's Z_RLE strategy -- 2-3x faster than adaptive filtering with the default
// strategy and, on continuous-tone images, smaller too; levels 2-9 are classic PNG compression
// (adaptive filter per row, zlib's default strategy), best for synthetic graphics.
constexpr int kZDefaultStrategy = 0;  // zlib's Z_DEFAULT_STRATEGY
constexpr int kZRle = 3;              // zlib's Z_RLE

int FilterChoice(int level) {
  if (level == 0) return SPNG_DISABLE_FILTERING;
  if (level == 1) return SPNG_FILTER_CHOICE_UP;
  return SPNG_FILTER_CHOICE_ALL;
}

int Strategy(int level) { return level <= 1 ? kZRle : kZDefaultStrategy; }

}  // namespace

ImageInfo ReadPngInfo(std::span<const std::uint8_t> bytes, const std::string& name) {
  Context ctx(0);
  OpenBuffer(ctx.get(), bytes, name);
  const Plan plan = MakePlan(ctx.get(), name);
  ImageInfo info;
  info.width = plan.width;
  info.height = plan.height;
  info.channels = plan.channels;
  info.bit_depth = plan.bytes_per_sample * 8;
  info.format = ImageFormat::kPng;
  return info;
}

Image DecodePng(std::span<const std::uint8_t> bytes, const std::string& name, int border) {
  Context ctx(0);
  OpenBuffer(ctx.get(), bytes, name);
  const Plan plan = MakePlan(ctx.get(), name);
  std::size_t total = 0;
  if (const int ret = spng_decoded_image_size(ctx.get(), plan.spng_format, &total); ret != 0) {
    throw PngError(name, ret);
  }
  const std::size_t row_bytes = total / static_cast<std::size_t>(plan.height);
  Image image(plan.width, plan.height, plan.channels, plan.bytes_per_sample, border);
  if (row_bytes != static_cast<std::size_t>(plan.width) * image.bytes_per_pixel()) {
    throw FileError(name, "corrupt PNG data (unexpected row size)");
  }
  int ret =
      spng_decode_image(ctx.get(), nullptr, 0, plan.spng_format, plan.decode_flags | SPNG_DECODE_PROGRESSIVE);
  if (ret != 0) throw PngError(name, ret);
  // Rows come in file order; for Adam7 a row is visited once per pass and filled in place.
  spng_row_info row_info{};
  do {
    ret = spng_get_row_info(ctx.get(), &row_info);
    if (ret != 0) break;
    if (row_info.row_num >= static_cast<std::uint32_t>(plan.height)) {
      throw FileError(name, "corrupt PNG data (row out of range)");
    }
    ret = spng_decode_row(ctx.get(), image.Row(static_cast<int>(row_info.row_num)), row_bytes);
  } while (ret == 0);
  if (ret != SPNG_EOI) throw PngError(name, ret);
  return image;
}

std::vector<std::uint8_t> EncodePng(const Image& image, const EncodeOptions& options) {
  if (image.empty()) throw Error("cannot encode an empty image as PNG");
  if (options.png_compression < 0 || options.png_compression > 9) {
    throw Error("PNG compression level must be 0..9, got " + std::to_string(options.png_compression));
  }
  std::vector<std::uint8_t> out;
  const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * image.bytes_per_pixel();
  out.reserve(row_bytes * static_cast<std::size_t>(image.height()) / 2 + 1024);

  Context ctx(SPNG_CTX_ENCODER);
  spng_ihdr ihdr{};
  ihdr.width = static_cast<std::uint32_t>(image.width());
  ihdr.height = static_cast<std::uint32_t>(image.height());
  ihdr.bit_depth = static_cast<std::uint8_t>(image.bit_depth());
  ihdr.color_type = static_cast<std::uint8_t>(image.channels() == 1   ? SPNG_COLOR_TYPE_GRAYSCALE
                                              : image.channels() == 3 ? SPNG_COLOR_TYPE_TRUECOLOR
                                                                      : SPNG_COLOR_TYPE_TRUECOLOR_ALPHA);
  int ret = spng_set_png_stream(ctx.get(), AppendToVector, &out);
  if (ret == 0) ret = spng_set_ihdr(ctx.get(), &ihdr);
  if (ret == 0) ret = spng_set_option(ctx.get(), SPNG_IMG_COMPRESSION_LEVEL, options.png_compression);
  if (ret == 0) ret = spng_set_option(ctx.get(), SPNG_FILTER_CHOICE, FilterChoice(options.png_compression));
  if (ret == 0)
    ret = spng_set_option(ctx.get(), SPNG_IMG_COMPRESSION_STRATEGY, Strategy(options.png_compression));
  if (ret == 0) {
    ret = spng_encode_image(ctx.get(), nullptr, 0, SPNG_FMT_PNG,
                            SPNG_ENCODE_PROGRESSIVE | SPNG_ENCODE_FINALIZE);
  }
  for (int y = 0; ret == 0 && y < image.height(); ++y) {
    ret = spng_encode_row(ctx.get(), image.Row(y), row_bytes);
  }
  if (ret != SPNG_EOI) throw Error(std::string("PNG encoding failed: ") + spng_strerror(ret));
  return out;
}

}  // namespace prep360::internal
