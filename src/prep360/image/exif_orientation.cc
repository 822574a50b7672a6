#include "prep360/image/exif_orientation.h"

#include <algorithm>
#include <cstring>

namespace prep360::internal {
namespace {

constexpr std::uint16_t kOrientationTag = 0x0112;
constexpr std::uint16_t kTypeShort = 3, kTypeLong = 4;

// Unsigned integer of `size` bytes at `offset` (caller checks the bounds).
std::uint64_t ReadUint(std::span<const std::uint8_t> b, std::size_t offset, int size, bool big_endian) {
  std::uint64_t v = 0;
  for (int i = 0; i < size; ++i) {
    const std::uint8_t byte = b[offset + static_cast<std::size_t>(big_endian ? i : size - 1 - i)];
    v = (v << 8) | byte;
  }
  return v;
}

int Valid(std::uint64_t value) { return value >= 1 && value <= 8 ? static_cast<int>(value) : 1; }

std::uint32_t BigEndian32(std::span<const std::uint8_t> b, std::size_t offset) {
  return static_cast<std::uint32_t>(ReadUint(b, offset, 4, true));
}

// JPEG: markers from SOI up to the first SOS; the first APP1 that starts with "Exif\0\0".
int JpegOrientation(std::span<const std::uint8_t> b) {
  std::size_t pos = 2;
  while (pos + 4 <= b.size()) {
    if (b[pos] != 0xFF) return 1;
    const std::uint8_t marker = b[pos + 1];
    if (marker == 0xFF) {  // fill byte
      ++pos;
      continue;
    }
    if (marker == 0xDA || marker == 0xD9) return 1;              // SOS / EOI: no EXIF before the image data
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {  // no length
      pos += 2;
      continue;
    }
    const std::size_t length = static_cast<std::size_t>(ReadUint(b, pos + 2, 2, true));
    if (length < 2 || pos + 2 + length > b.size()) return 1;
    const std::span<const std::uint8_t> payload = b.subspan(pos + 4, length - 2);
    static constexpr std::uint8_t kExif[] = {'E', 'x', 'i', 'f', 0, 0};
    if (marker == 0xE1 && payload.size() >= sizeof(kExif) &&
        std::memcmp(payload.data(), kExif, sizeof(kExif)) == 0) {
      return ReadTiffOrientation(payload.subspan(sizeof(kExif)));
    }
    pos += 2 + length;
  }
  return 1;
}

// PNG: chunks after the signature up to the first IDAT; the eXIf chunk.
int PngOrientation(std::span<const std::uint8_t> b) {
  std::size_t pos = 8;
  while (pos + 12 <= b.size()) {
    const std::size_t length = BigEndian32(b, pos);
    const std::uint8_t* type = b.data() + pos + 4;
    if (std::memcmp(type, "IDAT", 4) == 0 || std::memcmp(type, "IEND", 4) == 0) return 1;
    if (length > b.size() - pos - 12) return 1;
    if (std::memcmp(type, "eXIf", 4) == 0) return ReadTiffOrientation(b.subspan(pos + 8, length));
    pos += 12 + length;
  }
  return 1;
}

}  // namespace

int ReadTiffOrientation(std::span<const std::uint8_t> t) {
  if (t.size() < 8) return 1;
  bool big = false;
  if (t[0] == 'M' && t[1] == 'M') {
    big = true;
  } else if (t[0] != 'I' || t[1] != 'I') {
    return 1;
  }
  const std::uint64_t magic = ReadUint(t, 2, 2, big);
  if (magic != 42 && magic != 43) return 1;
  const bool bigtiff = magic == 43;
  if (bigtiff && t.size() < 16) return 1;
  // Classic: 2-byte entry count, 12-byte entries with a 4-byte count; BigTIFF: 8, 20 and 8.
  const int count_size = bigtiff ? 8 : 2, field_size = bigtiff ? 8 : 4;
  const std::size_t entry_size = bigtiff ? 20 : 12;
  const std::uint64_t ifd = bigtiff ? ReadUint(t, 8, 8, big) : ReadUint(t, 4, 4, big);
  if (ifd > t.size() || t.size() - ifd < static_cast<std::size_t>(count_size)) return 1;
  const std::uint64_t entries = ReadUint(t, ifd, count_size, big);
  const std::size_t first = static_cast<std::size_t>(ifd) + static_cast<std::size_t>(count_size);
  const std::size_t fit = (t.size() - first) / entry_size;
  for (std::size_t i = 0; i < std::min<std::uint64_t>(entries, fit); ++i) {
    const std::size_t e = first + i * entry_size;
    if (ReadUint(t, e, 2, big) != kOrientationTag) continue;
    const std::uint64_t type = ReadUint(t, e + 2, 2, big);
    const std::uint64_t count = ReadUint(t, e + 4, field_size, big);
    const std::size_t value = e + 4 + static_cast<std::size_t>(field_size);
    if (count < 1) return 1;
    // The value sits in the entry's value field, left-justified.
    if (type == kTypeShort) return Valid(ReadUint(t, value, 2, big));
    if (type == kTypeLong) return Valid(ReadUint(t, value, 4, big));
    return 1;
  }
  return 1;
}

int ReadExifOrientation(std::span<const std::uint8_t> b) {
  if (b.size() >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return JpegOrientation(b);
  static constexpr std::uint8_t kPng[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (b.size() >= sizeof(kPng) && std::memcmp(b.data(), kPng, sizeof(kPng)) == 0) return PngOrientation(b);
  return ReadTiffOrientation(b);
}

}  // namespace prep360::internal
