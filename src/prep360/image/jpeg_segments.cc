#include "prep360/image/jpeg_segments.h"

#include <cstring>

#include "prep360/util/error.h"

namespace prep360::internal {
namespace {

constexpr char kExifHeader[] = "Exif\0\0";  // 6 bytes
constexpr std::size_t kExifHeaderSize = 6;
constexpr char kXmpHeader[] = "http://ns.adobe.com/xap/1.0/";  // followed by one NUL
constexpr std::size_t kXmpHeaderSize = sizeof(kXmpHeader);     // includes the NUL
constexpr std::size_t kMaxSegmentPayload = 65535 - 2;

bool PayloadStartsWith(const std::uint8_t* payload, std::size_t size, const char* header,
                       std::size_t header_size) {
  return size >= header_size && std::memcmp(payload, header, header_size) == 0;
}

// resize + memcpy rather than vector::insert: GCC 12 at -O3 misreports insert into reserved
// vectors (-Wstringop-overflow).
void AppendBytes(std::vector<std::uint8_t>& out, const void* data, std::size_t size) {
  if (size == 0) return;
  const std::size_t at = out.size();
  out.resize(at + size);
  std::memcpy(out.data() + at, data, size);
}

void AppendSegment(std::vector<std::uint8_t>& out, std::uint8_t marker, const void* header,
                   std::size_t header_size, const void* data, std::size_t data_size) {
  const std::size_t payload = header_size + data_size;
  if (payload > kMaxSegmentPayload) throw Error("metadata block too large for a JPEG segment");
  const std::size_t length = payload + 2;
  out.push_back(0xFF);
  out.push_back(marker);
  out.push_back(static_cast<std::uint8_t>(length >> 8));
  out.push_back(static_cast<std::uint8_t>(length & 0xFF));
  AppendBytes(out, header, header_size);
  AppendBytes(out, data, data_size);
}

}  // namespace

std::vector<std::uint8_t> InsertJpegMetadata(const std::vector<std::uint8_t>& jpeg,
                                             const std::vector<std::uint8_t>& exif_tiff,
                                             const std::string& xmp_packet) {
  const std::size_t size = jpeg.size();
  if (size < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8) throw Error("cannot add metadata: not JPEG data");
  std::vector<std::uint8_t> out;
  out.reserve(size + exif_tiff.size() + xmp_packet.size() + 64);
  out.push_back(0xFF);
  out.push_back(0xD8);

  // Walks the APPn/COM segments before the first other marker.
  std::size_t pos = 2;
  bool inserted = false;
  auto insert_ours = [&] {
    if (!exif_tiff.empty())
      AppendSegment(out, 0xE1, kExifHeader, kExifHeaderSize, exif_tiff.data(), exif_tiff.size());
    if (!xmp_packet.empty())
      AppendSegment(out, 0xE1, kXmpHeader, kXmpHeaderSize, xmp_packet.data(), xmp_packet.size());
    inserted = true;
  };
  while (pos + 4 <= size && jpeg[pos] == 0xFF) {
    const std::uint8_t marker = jpeg[pos + 1];
    const bool app_or_com = (marker >= 0xE0 && marker <= 0xEF) || marker == 0xFE;
    if (!app_or_com) break;
    const std::size_t length = (static_cast<std::size_t>(jpeg[pos + 2]) << 8) | jpeg[pos + 3];
    if (length < 2 || pos + 2 + length > size) throw Error("cannot add metadata: malformed JPEG segment");
    const std::uint8_t* payload = jpeg.data() + pos + 4;
    const std::size_t payload_size = length - 2;
    const bool leading_jfif =
        !inserted && pos == 2 && marker == 0xE0 && PayloadStartsWith(payload, payload_size, "JFIF", 5);
    const bool ours_replaces =
        marker == 0xE1 && (PayloadStartsWith(payload, payload_size, kExifHeader, kExifHeaderSize) ||
                           PayloadStartsWith(payload, payload_size, kXmpHeader, kXmpHeaderSize));
    if (!leading_jfif && !inserted) insert_ours();
    if (!ours_replaces) AppendBytes(out, jpeg.data() + pos, 2 + length);
    pos += 2 + length;
  }
  if (!inserted) insert_ours();
  AppendBytes(out, jpeg.data() + pos, size - pos);
  return out;
}

}  // namespace prep360::internal
