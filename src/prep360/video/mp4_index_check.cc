#include "prep360/video/mp4_index_check.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>

namespace prep360 {
namespace {

std::uint64_t BigEndian(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v = (v << 8) | p[i];
  return v;
}

}  // namespace

bool IsMp4WithoutIndex(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  in.seekg(0, std::ios::end);
  const auto file_size = static_cast<std::uint64_t>(in.tellg());
  std::uint64_t pos = 0;
  bool first = true;
  while (pos + 8 <= file_size) {
    std::array<unsigned char, 16> header{};
    in.seekg(static_cast<std::streamoff>(pos));
    if (!in.read(reinterpret_cast<char*>(header.data()), 8)) return false;
    std::uint64_t size = BigEndian(header.data(), 4);
    const char* type = reinterpret_cast<const char*>(header.data() + 4);
    if (first && std::memcmp(type, "ftyp", 4) != 0) return false;  // not an ISO media file
    first = false;
    if (std::memcmp(type, "moov", 4) == 0) return false;
    if (size == 1) {  // 64-bit size after the type
      if (!in.read(reinterpret_cast<char*>(header.data() + 8), 8)) break;
      size = BigEndian(header.data() + 8, 8);
    } else if (size == 0) {  // runs to the end of the file
      break;
    }
    if (size < 8 || size > file_size - pos) break;  // cut inside this box (or garbage)
    pos += size;
  }
  return !first;
}

}  // namespace prep360
