#include "prep360/testing/temp_dir.h"

#include <unistd.h>

#include <atomic>
#include <stdexcept>

namespace prep360::testkit {

TempDir::TempDir() {
  static std::atomic<int> counter{0};
  const auto base = std::filesystem::temp_directory_path();
  for (int attempt = 0; attempt < 100; ++attempt) {
    path_ = base / ("prep360_test_" + std::to_string(getpid()) + "_" + std::to_string(counter++));
    if (std::filesystem::create_directory(path_)) return;
  }
  throw std::runtime_error("TempDir: cannot create a temporary folder");
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace prep360::testkit
