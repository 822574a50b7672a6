#pragma once
// Test support: a real, small file system (a tmpfs of a given size, mounted on a fresh temporary
// folder) for tests of what a job does when the disk fills up. Mounting needs root (or
// CAP_SYS_ADMIN); where it is not permitted, mounted() is false and why() says why, so the test
// can skip. Unmounted and removed when the object dies.
#include <cstdint>
#include <filesystem>
#include <string>

namespace prep360::testkit {

class SmallDisk {
 public:
  explicit SmallDisk(std::uint64_t bytes);
  ~SmallDisk();
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;

  bool mounted() const { return mounted_; }
  const std::string& why() const { return why_; }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

  // Bytes still free for files (statvfs f_bavail * f_frsize).
  std::uint64_t FreeBytes() const;
  // What the regular files under `path` (a file or a folder, on any file system) would take on
  // this disk: their sizes, each rounded up to this disk's block size.
  std::uint64_t BytesFor(const std::filesystem::path& path) const;
  // Writes a filler file so that about `bytes` stay free (never less than 0). Throws
  // std::runtime_error when it cannot.
  void LeaveFree(std::uint64_t bytes) const;

 private:
  std::filesystem::path path_;
  bool mounted_ = false;
  std::string why_;
};

}  // namespace prep360::testkit
