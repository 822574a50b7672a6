#include "prep360/image/png_codec.h"

#include <libdeflate.h>
#include <spng.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <queue>
#include <utility>

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

// spng keeps the ancillary chunks it reads (eXIf, text, iCCP) in memory, by default without limit:
// a 1 KB file declaring a 2 GB eXIf chunk made it allocate 2 GB (fuzz/image_header_fuzzer). prep360
// uses none of them; a chunk (or decompressed text) may take at most this much, all of them too.
constexpr std::size_t kPngChunkMemoryLimit = std::size_t{64} << 20;

void OpenBuffer(spng_ctx* ctx, std::span<const std::uint8_t> bytes, const std::string& name) {
  if (const int ret = spng_set_chunk_limits(ctx, kPngChunkMemoryLimit, kPngChunkMemoryLimit); ret != 0)
    throw PngError(name, ret);
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

// Level 1 (the default) bypasses spng: every row gets the Up filter (a plain byte subtraction the
// compiler vectorises; 16-bit samples are written big-endian as PNG requires) and the whole filtered
// image is coded Huffman-only (HuffmanOnlyZlib), with libdeflate level 1 as well when that is tiny.
// Measured on 1920x1920 RGB views cut from the w1 panoramas (Release build, idle machine): ~18 ms
// against ~150 ms for the previous spng Up + zlib level 1 Z_RLE path (8x), at -0.2..+0.7% size.
// libdeflate 1.14 level 1 on everything was only 1.6-1.9x faster than zlib under the same load,
// and Sub/Average/Paeth cost time for a few percent of size either way.
// The container is the minimal signature/IHDR/IDAT/IEND that png_chunks.cc splices metadata into.
// Level 1 through spng (Up + Z_RLE) remains only for images above kFastPathMaxBytes.
// Huffman-only output below 1/4 of the input (2 bits a byte) also gets a libdeflate level-1 attempt.
constexpr std::size_t kLzWorthTryingRatio = 4;
// Above this many filtered bytes the single-IDAT fast path is not used (chunk lengths are 31-bit).
constexpr std::size_t kFastPathMaxBytes = std::size_t{1} << 30;

// --- Huffman-only zlib stream -------------------------------------------------------------------
// Filtered photo rows are close to noise: LZ77 matches are rare, and nearly all of deflate's gain is
// the entropy coding of the filter residuals. So level 1 skips match finding entirely and writes
// dynamic-Huffman blocks of literals only, one code per kHuffBlock input bytes.

constexpr std::size_t kHuffBlock = std::size_t{1} << 17;
constexpr int kMaxCodeBits = 15;
constexpr int kLitSymbols = 257;  // 256 byte values and end-of-block

// Worst case: every byte takes kMaxCodeBits bits, plus per-block headers and the zlib wrapper.
std::size_t HuffmanZlibBound(std::size_t n) {
  return n / 8 * kMaxCodeBits + 16 + (n / kHuffBlock + 1) * 160 + 16;
}

// Code lengths (<= kMaxCodeBits) of a Huffman code for `freq`; symbols with frequency 0 get 0. At least two
// symbols must be used. Too-deep trees are rebuilt from flattened frequencies until they fit.
void HuffmanLengths(std::array<std::uint32_t, kLitSymbols> freq, std::array<std::uint8_t, kLitSymbols>& lengths) {
  for (;;) {
    std::array<int, 2 * kLitSymbols> parent{};
    using Node = std::pair<std::uint64_t, int>;
    std::priority_queue<Node, std::vector<Node>, std::greater<>> queue;
    for (int s = 0; s < kLitSymbols; ++s) {
      if (freq[static_cast<std::size_t>(s)] != 0) queue.emplace(freq[static_cast<std::size_t>(s)], s);
    }
    int next = kLitSymbols;
    while (queue.size() > 1) {
      const Node a = queue.top();
      queue.pop();
      const Node b = queue.top();
      queue.pop();
      parent[static_cast<std::size_t>(a.second)] = next;
      parent[static_cast<std::size_t>(b.second)] = next;
      queue.emplace(a.first + b.first, next);
      ++next;
    }
    const int root = next - 1;
    // Parents are created after their children, so depths resolve from the root downwards.
    std::array<int, 2 * kLitSymbols> depth{};
    for (int node = root - 1; node >= 0; --node) {
      if (node < kLitSymbols && freq[static_cast<std::size_t>(node)] == 0) continue;
      depth[static_cast<std::size_t>(node)] = depth[static_cast<std::size_t>(parent[static_cast<std::size_t>(node)])] + 1;
    }
    int max_depth = 0;
    for (int s = 0; s < kLitSymbols; ++s) {
      const std::size_t i = static_cast<std::size_t>(s);
      lengths[i] = freq[i] == 0 ? 0 : static_cast<std::uint8_t>(depth[i]);
      max_depth = std::max(max_depth, depth[i]);
    }
    if (max_depth <= kMaxCodeBits) return;
    for (auto& f : freq) {
      if (f != 0) f = (f >> 2) | 1;
    }
  }
}

std::uint32_t ReverseBits(std::uint32_t code, int bits) {
  std::uint32_t r = 0;
  for (int i = 0; i < bits; ++i) r |= ((code >> i) & 1u) << (bits - 1 - i);
  return r;
}

class BitWriter {
 public:
  explicit BitWriter(std::uint8_t* out) : out_(out) {}
  // Appends `count` (<= 16) bits, LSB first. Call Flush before 48 bits are pending.
  void Put(std::uint32_t bits, int count) {
    buffer_ |= static_cast<std::uint64_t>(bits) << pending_;
    pending_ += count;
  }
  void Flush() {
    for (int i = 0; i < 8; ++i) out_[i] = static_cast<std::uint8_t>(buffer_ >> (8 * i));
    const int whole = pending_ & ~7;
    out_ += whole / 8;
    buffer_ = whole == 64 ? 0 : buffer_ >> whole;
    pending_ -= whole;
  }
  // Flushes and pads to a byte boundary; returns the end of the written bytes.
  std::uint8_t* Finish() {
    Flush();
    if (pending_ > 0) {
      *out_++ = static_cast<std::uint8_t>(buffer_);
      buffer_ = 0;
      pending_ = 0;
    }
    return out_;
  }

 private:
  std::uint8_t* out_;
  std::uint64_t buffer_ = 0;
  int pending_ = 0;
};

// Writes `in` as a zlib stream of dynamic-Huffman, literal-only deflate blocks; returns its size.
// `out` must hold HuffmanZlibBound(n) bytes.
std::size_t HuffmanOnlyZlib(const std::uint8_t* in, std::size_t n, std::uint8_t* out) {
  out[0] = 0x78;  // deflate, 32K window
  out[1] = 0x01;  // fastest, no dictionary; (0x7801 % 31 == 0)
  BitWriter writer(out + 2);
  // Code lengths travel as plain 4-bit codes: code-length symbols 0..15 all get length 4 (a complete
  // code), the repeat symbols 16..18 none. Order as in RFC 1951 3.2.7.
  constexpr int kClOrder[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15};
  std::size_t at = 0;
  do {
    const std::size_t size = std::min(kHuffBlock, n - at);
    const std::uint8_t* block = in + at;
    std::array<std::array<std::uint32_t, 256>, 4> counts{};
    std::size_t i = 0;
    for (; i + 4 <= size; i += 4) {
      ++counts[0][block[i]];
      ++counts[1][block[i + 1]];
      ++counts[2][block[i + 2]];
      ++counts[3][block[i + 3]];
    }
    for (; i < size; ++i) ++counts[0][block[i]];
    std::array<std::uint32_t, kLitSymbols> freq{};
    for (std::size_t s = 0; s < 256; ++s) freq[s] = counts[0][s] + counts[1][s] + counts[2][s] + counts[3][s];
    freq[256] = 1;
    if (size == 0) freq[0] = 1;  // keeps the code complete (two symbols) for an empty stream
    std::array<std::uint8_t, kLitSymbols> lengths{};
    HuffmanLengths(freq, lengths);
    // Canonical codes (RFC 1951 3.2.2), bit-reversed for the LSB-first stream.
    std::array<int, kMaxCodeBits + 1> per_length{};
    for (const std::uint8_t l : lengths) ++per_length[l];
    per_length[0] = 0;
    std::array<std::uint32_t, kMaxCodeBits + 2> next_code{};
    for (int bits = 1, code = 0; bits <= kMaxCodeBits; ++bits) {
      code = (code + per_length[static_cast<std::size_t>(bits - 1)]) << 1;
      next_code[static_cast<std::size_t>(bits)] = static_cast<std::uint32_t>(code);
    }
    std::array<std::uint32_t, kLitSymbols> codes{};
    for (std::size_t s = 0; s < kLitSymbols; ++s) {
      if (lengths[s] != 0) codes[s] = ReverseBits(next_code[lengths[s]]++, lengths[s]);
    }

    const bool last = at + size == n;
    writer.Put(last ? 1u : 0u, 1);
    writer.Put(2, 2);    // dynamic Huffman
    writer.Put(0, 5);    // HLIT: 257 literal/length codes
    writer.Put(0, 5);    // HDIST: 1 distance code (of length 0: no distances)
    writer.Put(15, 4);   // HCLEN: 19 code-length code lengths
    writer.Flush();
    for (int k = 0; k < 19; ++k) {
      writer.Put(kClOrder[k] >= 16 ? 0u : 4u, 3);
      if (k % 8 == 7) writer.Flush();
    }
    writer.Flush();
    for (std::size_t s = 0; s < kLitSymbols; ++s) {
      writer.Put(ReverseBits(lengths[s], 4), 4);
      if (s % 8 == 7) writer.Flush();
    }
    writer.Put(ReverseBits(0, 4), 4);  // the one distance code's length
    writer.Flush();
    for (i = 0; i + 3 <= size; i += 3) {
      writer.Put(codes[block[i]], lengths[block[i]]);
      writer.Put(codes[block[i + 1]], lengths[block[i + 1]]);
      writer.Put(codes[block[i + 2]], lengths[block[i + 2]]);
      writer.Flush();
    }
    for (; i < size; ++i) {
      writer.Put(codes[block[i]], lengths[block[i]]);
      writer.Flush();
    }
    writer.Put(codes[256], lengths[256]);
    writer.Flush();
    at += size;
  } while (at < n);
  std::uint8_t* end = writer.Finish();
  const std::uint32_t adler = libdeflate_adler32(1, in, n);
  for (int shift = 24; shift >= 0; shift -= 8) *end++ = static_cast<std::uint8_t>(adler >> shift);
  return static_cast<std::size_t>(end - out);
}

// libdeflate level 1 for content where LZ77 pays: flat areas, graphics, masks (see EncodePngFast).
class Compressor {
 public:
  Compressor() : c_(libdeflate_alloc_compressor(1)) {
    if (c_ == nullptr) throw Error("out of memory for the PNG compressor");
  }
  ~Compressor() { libdeflate_free_compressor(c_); }
  Compressor(const Compressor&) = delete;
  Compressor& operator=(const Compressor&) = delete;
  libdeflate_compressor* get() const { return c_; }

 private:
  libdeflate_compressor* c_;
};

libdeflate_compressor* ThreadCompressor() {
  thread_local Compressor compressor;
  return compressor.get();
}

void PutBe32(std::uint8_t* p, std::uint32_t v) {
  p[0] = static_cast<std::uint8_t>(v >> 24);
  p[1] = static_cast<std::uint8_t>(v >> 16);
  p[2] = static_cast<std::uint8_t>(v >> 8);
  p[3] = static_cast<std::uint8_t>(v);
}

// Writes length, type and CRC around `length` data bytes already at chunk + 8.
void SealChunk(std::uint8_t* chunk, const char* type, std::size_t length) {
  PutBe32(chunk, static_cast<std::uint32_t>(length));
  std::memcpy(chunk + 4, type, 4);
  const std::uint32_t crc = libdeflate_crc32(0, chunk + 4, length + 4);
  PutBe32(chunk + 8 + length, crc);
}

// Up filter of one row: filter byte 2, then cur - prev per byte (prev == nullptr: the first row).
void FilterUp8(const std::uint8_t* __restrict cur, const std::uint8_t* __restrict prev,
               std::uint8_t* __restrict out, std::size_t n) {
  out[0] = 2;
  ++out;
  if (prev == nullptr) {
    std::memcpy(out, cur, n);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::uint8_t>(cur[i] - prev[i]);
}

// The same for native-endian 16-bit samples, written big-endian: high bytes then low bytes differ
// independently (the Up filter works on bytes).
void FilterUp16(const std::uint8_t* cur_bytes, const std::uint8_t* prev_bytes, std::uint8_t* __restrict out,
                std::size_t samples) {
  out[0] = 2;
  ++out;
  for (std::size_t i = 0; i < samples; ++i) {
    std::uint16_t c, p = 0;
    std::memcpy(&c, cur_bytes + 2 * i, 2);
    if (prev_bytes != nullptr) std::memcpy(&p, prev_bytes + 2 * i, 2);
    out[2 * i] = static_cast<std::uint8_t>((c >> 8) - (p >> 8));
    out[2 * i + 1] = static_cast<std::uint8_t>(c - p);
  }
}

std::vector<std::uint8_t> EncodePngFast(const Image& image) {
  const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * image.bytes_per_pixel();
  const auto height = static_cast<std::size_t>(image.height());
  const std::size_t filtered_size = (row_bytes + 1) * height;
  const auto filtered = std::make_unique_for_overwrite<std::uint8_t[]>(filtered_size);
  const bool deep = image.bytes_per_sample() == 2;
  for (int y = 0; y < image.height(); ++y) {
    const std::uint8_t* prev = y > 0 ? image.Row(y - 1) : nullptr;
    std::uint8_t* out = filtered.get() + static_cast<std::size_t>(y) * (row_bytes + 1);
    if (deep) {
      FilterUp16(image.Row(y), prev, out, row_bytes / 2);
    } else {
      FilterUp8(image.Row(y), prev, out, row_bytes);
    }
  }

  constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  constexpr std::size_t kIhdrAt = 8, kIdatAt = kIhdrAt + 12 + 13;
  const std::size_t bound = HuffmanZlibBound(filtered_size);
  std::vector<std::uint8_t> out(kIdatAt + 12 + bound + 12);
  std::memcpy(out.data(), kSignature, 8);
  std::uint8_t* ihdr = out.data() + kIhdrAt + 8;
  PutBe32(ihdr, static_cast<std::uint32_t>(image.width()));
  PutBe32(ihdr + 4, static_cast<std::uint32_t>(image.height()));
  ihdr[8] = static_cast<std::uint8_t>(image.bit_depth());
  ihdr[9] = static_cast<std::uint8_t>(image.channels() == 1 ? 0 : image.channels() == 3 ? 2 : 6);
  ihdr[10] = ihdr[11] = ihdr[12] = 0;  // deflate, adaptive filtering, no interlace
  SealChunk(out.data() + kIhdrAt, "IHDR", 13);
  std::size_t z = HuffmanOnlyZlib(filtered.get(), filtered_size, out.data() + kIdatAt + 8);
  if (z < filtered_size / kLzWorthTryingRatio) {
    // Very compressible (under 2 bits a byte with literals alone): long runs or repeats, which
    // Huffman-only coding cannot exploit. libdeflate is fast on such data; keep whichever is smaller.
    libdeflate_compressor* compressor = ThreadCompressor();
    std::vector<std::uint8_t> lz(libdeflate_zlib_compress_bound(compressor, filtered_size));
    const std::size_t lz_size = libdeflate_zlib_compress(compressor, filtered.get(), filtered_size, lz.data(), lz.size());
    if (lz_size != 0 && lz_size < z) {
      std::memcpy(out.data() + kIdatAt + 8, lz.data(), lz_size);
      z = lz_size;
    }
  }
  SealChunk(out.data() + kIdatAt, "IDAT", z);
  const std::size_t iend_at = kIdatAt + 12 + z;
  SealChunk(out.data() + iend_at, "IEND", 0);
  out.resize(iend_at + 12);
  return out;
}

// Packs a row of 0/255 samples into 1-bit samples (MSB first) after filter byte 0 (none); false
// when a sample is neither 0 nor 255.
bool PackBilevelRow(const std::uint8_t* __restrict row, std::size_t width, std::uint8_t* __restrict out) {
  out[0] = 0;
  ++out;
  std::uint8_t bad = 0;
  const std::size_t full = width / 8;
  for (std::size_t i = 0; i < full; ++i) {
    const std::uint8_t* p = row + 8 * i;
    std::uint8_t byte = 0;
    for (int b = 0; b < 8; ++b) {
      bad |= static_cast<std::uint8_t>(p[b] + 1) > 1 ? 1 : 0;  // 0 -> 1, 255 -> 0: good
      byte = static_cast<std::uint8_t>((byte << 1) | (p[b] >> 7));
    }
    out[i] = byte;
  }
  if (width % 8 != 0) {
    std::uint8_t byte = 0;
    for (std::size_t x = full * 8; x < width; ++x) {
      bad |= static_cast<std::uint8_t>(row[x] + 1) > 1 ? 1 : 0;
      byte = static_cast<std::uint8_t>(byte | ((row[x] >> 7) << (7 - (x % 8))));
    }
    out[full] = byte;
  }
  return bad == 0;
}

}  // namespace

std::optional<std::vector<std::uint8_t>> EncodeBilevelPng(const Image& mask) {
  if (mask.empty() || mask.channels() != 1 || mask.bytes_per_sample() != 1) return std::nullopt;
  const auto width = static_cast<std::size_t>(mask.width());
  const std::size_t row_bytes = 1 + (width + 7) / 8;
  const std::size_t packed_size = row_bytes * static_cast<std::size_t>(mask.height());
  const auto packed = std::make_unique_for_overwrite<std::uint8_t[]>(packed_size);
  for (int y = 0; y < mask.height(); ++y) {
    if (!PackBilevelRow(mask.Row(y), width, packed.get() + static_cast<std::size_t>(y) * row_bytes)) {
      return std::nullopt;
    }
  }
  constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  constexpr std::size_t kIhdrAt = 8, kIdatAt = kIhdrAt + 12 + 13;
  libdeflate_compressor* compressor = ThreadCompressor();
  const std::size_t bound = libdeflate_zlib_compress_bound(compressor, packed_size);
  std::vector<std::uint8_t> out(kIdatAt + 12 + bound + 12);
  std::memcpy(out.data(), kSignature, 8);
  std::uint8_t* ihdr = out.data() + kIhdrAt + 8;
  PutBe32(ihdr, static_cast<std::uint32_t>(mask.width()));
  PutBe32(ihdr + 4, static_cast<std::uint32_t>(mask.height()));
  ihdr[8] = 1;  // bit depth
  ihdr[9] = ihdr[10] = ihdr[11] = ihdr[12] = 0;  // greyscale, deflate, adaptive filtering, no interlace
  SealChunk(out.data() + kIhdrAt, "IHDR", 13);
  const std::size_t z = libdeflate_zlib_compress(compressor, packed.get(), packed_size, out.data() + kIdatAt + 8, bound);
  if (z == 0) throw Error("PNG compression failed");
  SealChunk(out.data() + kIdatAt, "IDAT", z);
  const std::size_t iend_at = kIdatAt + 12 + z;
  SealChunk(out.data() + iend_at, "IEND", 0);
  out.resize(iend_at + 12);
  return out;
}

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
  const std::size_t row_bytes = static_cast<std::size_t>(image.width()) * image.bytes_per_pixel();
  if (options.png_compression == 1 &&
      (row_bytes + 1) * static_cast<std::size_t>(image.height()) <= kFastPathMaxBytes) {
    return EncodePngFast(image);
  }
  std::vector<std::uint8_t> out;
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
