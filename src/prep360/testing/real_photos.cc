#include "prep360/testing/real_photos.h"

#include <filesystem>
#include <stdexcept>

namespace prep360::testkit {

std::string SkimagePhoto(const std::string& name) {
  const std::filesystem::path path = std::filesystem::path("/usr/lib/python3/dist-packages/skimage/data") / name;
  if (!std::filesystem::is_regular_file(path)) {
    throw std::runtime_error(path.string() + " is missing: run scripts/bootstrap (it installs python3-skimage)");
  }
  return path.string();
}

}  // namespace prep360::testkit
