#include "prep360/image/png_chunks.h"

#include <array>
#include <cstring>

#include "prep360/util/error.h"

namespace prep360::internal {
namespace {

constexpr std::uint8_t kSignature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
constexpr char kXmpKeyword[] = "XML:com.adobe.xmp";

constexpr std::array<std::uint32_t, 256> MakeCrcTable() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1u) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}
constexpr std::array<std::uint32_t, 256> kCrcTable = MakeCrcTable();

std::uint32_t ReadBe32(const std::uint8_t* p) {
  return (static_cast<std::uint32_t>(p[0]) << 24) | (static_cast<std::uint32_t>(p[1]) << 16) |
         (static_cast<std::uint32_t>(p[2]) << 8) | p[3];
}

// resize + memcpy rather than vector::insert: GCC 12 at -O3 misreports insert into reserved
// vectors (-Wstringop-overflow).
void AppendBytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size) {
  if (size == 0) return;
  const std::size_t at = out.size();
  out.resize(at + size);
  std::memcpy(out.data() + at, data, size);
}

void AppendBe32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<std::uint8_t>(v >> shift));
}

// Appends one chunk whose data is `head` followed by `body`.
void AppendChunk(std::vector<std::uint8_t>& out, const char* type, const std::vector<std::uint8_t>& head,
                 const void* body, std::size_t body_size) {
  const std::size_t length = head.size() + body_size;
  if (length > 0x7FFFFFFFu) throw Error("metadata block too large for a PNG chunk");
  AppendBe32(out, static_cast<std::uint32_t>(length));
  const std::size_t crc_start = out.size();
  AppendBytes(out, type, 4);
  AppendBytes(out, head.data(), head.size());
  AppendBytes(out, body, body_size);
  AppendBe32(out, PngCrc32(out.data() + crc_start, out.size() - crc_start));
}

bool KeywordIs(const std::uint8_t* data, std::size_t size, const char* keyword) {
  const std::size_t n = std::strlen(keyword);
  return size > n && std::memcmp(data, keyword, n) == 0 && data[n] == 0;
}

// Chunks that carry EXIF or XMP in the forms exiv2, ImageMagick and libpng write.
bool IsMetadataChunk(const std::uint8_t* type, const std::uint8_t* data, std::size_t size) {
  if (std::memcmp(type, "eXIf", 4) == 0) return true;
  if (std::memcmp(type, "iTXt", 4) == 0) return KeywordIs(data, size, kXmpKeyword);
  if (std::memcmp(type, "zTXt", 4) == 0 || std::memcmp(type, "tEXt", 4) == 0) {
    return KeywordIs(data, size, "Raw profile type exif") || KeywordIs(data, size, "Raw profile type xmp") ||
           KeywordIs(data, size, "Raw profile type APP1");
  }
  return false;
}

}  // namespace

std::uint32_t PngCrc32(const std::uint8_t* data, std::size_t size, std::uint32_t crc) {
  crc = ~crc;
  for (std::size_t i = 0; i < size; ++i) crc = kCrcTable[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

std::vector<std::uint8_t> InsertPngMetadata(const std::vector<std::uint8_t>& png,
                                            const std::vector<std::uint8_t>& exif_tiff,
                                            const std::string& xmp_packet) {
  const std::size_t size = png.size();
  if (size < 8 + 25 || std::memcmp(png.data(), kSignature, 8) != 0 ||
      std::memcmp(png.data() + 12, "IHDR", 4) != 0) {
    throw Error("cannot add metadata: not PNG data");
  }
  std::vector<std::uint8_t> out;
  out.reserve(size + exif_tiff.size() + xmp_packet.size() + 128);
  std::size_t pos = 8;
  bool inserted = false;
  AppendBytes(out, png.data(), 8);
  while (pos + 12 <= size) {
    const std::uint32_t length = ReadBe32(png.data() + pos);
    if (length > size - pos - 12) throw Error("cannot add metadata: malformed PNG chunk");
    const std::uint8_t* type = png.data() + pos + 4;
    const std::uint8_t* data = type + 4;
    const std::size_t chunk_end = pos + 12 + length;
    if (!IsMetadataChunk(type, data, length)) {
      AppendBytes(out, png.data() + pos, chunk_end - pos);
    }
    if (!inserted && std::memcmp(type, "IHDR", 4) == 0) {
      if (!exif_tiff.empty()) AppendChunk(out, "eXIf", {}, exif_tiff.data(), exif_tiff.size());
      if (!xmp_packet.empty()) {
        std::vector<std::uint8_t> head(kXmpKeyword, kXmpKeyword + sizeof(kXmpKeyword));  // with its NUL
        head.insert(head.end(), {0, 0, 0, 0});  // uncompressed, method 0, no language, no translation
        AppendChunk(out, "iTXt", head, xmp_packet.data(), xmp_packet.size());
      }
      inserted = true;
    }
    pos = chunk_end;
    if (std::memcmp(type, "IEND", 4) == 0) break;
  }
  if (!inserted) throw Error("cannot add metadata: malformed PNG data");
  AppendBytes(out, png.data() + pos, size - pos);
  return out;
}

}  // namespace prep360::internal
