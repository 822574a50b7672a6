#include "prep360/testing/small_disk.h"

#include <fcntl.h>
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <vector>

namespace prep360::testkit {

SmallDisk::SmallDisk(std::uint64_t bytes) {
  static std::atomic<int> counter{0};
  path_ = std::filesystem::temp_directory_path() /
          ("prep360_disk_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::error_code ec;
  std::filesystem::create_directory(path_, ec);
  if (ec) {
    why_ = path_.string() + ": " + ec.message();
    return;
  }
  const std::string options = "size=" + std::to_string(bytes) + ",mode=0755";
  if (::mount("prep360_test", path_.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
    why_ = "cannot mount a tmpfs on " + path_.string() + ": " + std::strerror(errno);
    return;
  }
  mounted_ = true;
}

SmallDisk::~SmallDisk() {
  if (mounted_) ::umount2(path_.c_str(), MNT_DETACH);
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::uint64_t SmallDisk::FreeBytes() const {
  struct statvfs s {};
  if (::statvfs(path_.c_str(), &s) != 0) throw std::runtime_error(path_.string() + ": statvfs failed");
  return static_cast<std::uint64_t>(s.f_bavail) * s.f_frsize;
}

std::uint64_t SmallDisk::BytesFor(const std::filesystem::path& path) const {
  struct statvfs s {};
  if (::statvfs(path_.c_str(), &s) != 0) throw std::runtime_error(path_.string() + ": statvfs failed");
  const std::uint64_t block = s.f_frsize > 0 ? s.f_frsize : 4096;
  auto rounded = [block](std::uint64_t size) { return (size + block - 1) / block * block; };
  if (std::filesystem::is_regular_file(path)) return rounded(std::filesystem::file_size(path));
  std::uint64_t total = 0;
  if (!std::filesystem::is_directory(path)) return 0;
  for (const auto& e : std::filesystem::recursive_directory_iterator(path)) {
    if (e.is_regular_file()) total += rounded(e.file_size());
  }
  return total;
}

void SmallDisk::LeaveFree(std::uint64_t bytes) const {
  const std::uint64_t free = FreeBytes();
  if (free <= bytes) return;
  const std::string filler = (path_ / "filler.bin").string();
  const int fd = ::open(filler.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) throw std::runtime_error(filler + ": " + std::strerror(errno));
  std::vector<char> block(64 * 1024, 'x');
  std::uint64_t left = free - bytes;
  while (left > 0) {
    const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(left, block.size()));
    const ssize_t w = ::write(fd, block.data(), n);
    if (w <= 0) {
      ::close(fd);
      throw std::runtime_error(filler + ": " + std::strerror(errno));
    }
    left -= static_cast<std::uint64_t>(w);
  }
  ::close(fd);
}

}  // namespace prep360::testkit
