#include "prep360/testing/panorama_files.h"

#include <cstring>

#include "prep360/testing/synthetic_scene.h"
#include "prep360/util/atomic_file.h"

namespace prep360::testkit {

std::vector<std::string> WritePanoramas(const std::filesystem::path& dir, int count, int width,
                                        ImageFormat format, const std::string& prefix) {
  std::filesystem::create_directories(dir);
  const int height = width / 2;
  const Image scene = RenderEquirect(width, height, 3, 1, 2);
  std::vector<std::string> paths;
  for (int k = 1; k <= count; ++k) {
    const int shift = static_cast<int>(static_cast<long long>(k) * width / count) % width;
    Image turned(width, height, 3, 1);
    for (int y = 0; y < height; ++y) {
      const std::uint8_t* src = scene.Row(y);
      std::uint8_t* dst = turned.Row(y);
      const std::size_t head = static_cast<std::size_t>(width - shift) * 3;
      std::memcpy(dst, src + static_cast<std::size_t>(shift) * 3, head);
      std::memcpy(dst + head, src, static_cast<std::size_t>(shift) * 3);
    }
    const std::string path = (dir / (prefix + std::to_string(k) + "." + FormatExtension(format))).string();
    WriteFileAtomic(path, EncodeImage(turned, format, EncodeOptions{}));
    paths.push_back(path);
  }
  return paths;
}

}  // namespace prep360::testkit
