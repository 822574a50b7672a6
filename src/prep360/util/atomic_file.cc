#include "prep360/util/atomic_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include "prep360/util/error.h"

namespace prep360 {
namespace {

constexpr char kTempInfix[] = ".tmp.";

// Starts at a random number: shards on several hosts (or containers, where every process may be
// pid 1) share one dataset folder and all write job.json and rig.json.
std::atomic<std::uint64_t> g_temp_counter{std::random_device{}()};

std::string TempPathFor(const std::string& path) {
  return path + kTempInfix + std::to_string(static_cast<long long>(::getpid())) + "." +
         std::to_string(g_temp_counter.fetch_add(1, std::memory_order_relaxed));
}

bool AllDigits(const std::string& s, std::size_t begin, std::size_t end) {
  if (begin >= end) return false;
  for (std::size_t i = begin; i < end; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  return true;
}

[[noreturn]] void Fail(const std::string& path, const std::string& temp, const char* what, int err) {
  if (!temp.empty()) ::unlink(temp.c_str());
  const std::string message = path + ": " + what + ": " + std::strerror(err);
  if (err == ENOSPC || err == EDQUOT) throw DiskFullError(message);
  throw Error(message);
}

}  // namespace

void WriteFileAtomic(const std::string& path, std::span<const std::uint8_t> bytes) {
  const std::string temp = TempPathFor(path);
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0) Fail(path, "", "cannot create file", errno);
  const std::uint8_t* p = bytes.data();
  std::size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      Fail(path, temp, "cannot write file", err);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) Fail(path, temp, "cannot write file", errno);
  if (std::rename(temp.c_str(), path.c_str()) != 0) Fail(path, temp, "cannot rename temporary file", errno);
}

bool IsTempFileName(const std::string& name) {
  // "<name>.tmp.<digits>.<digits>", <name> not empty.
  const std::size_t last_dot = name.rfind('.');
  if (last_dot == std::string::npos || !AllDigits(name, last_dot + 1, name.size())) return false;
  const std::size_t pid_dot = name.rfind('.', last_dot - 1);
  if (pid_dot == std::string::npos || pid_dot == 0 || !AllDigits(name, pid_dot + 1, last_dot)) return false;
  const std::size_t infix_len = sizeof(kTempInfix) - 1;
  if (pid_dot + 1 < infix_len) return false;
  const std::size_t infix_pos = pid_dot + 1 - infix_len;
  if (name.compare(infix_pos, infix_len, kTempInfix) != 0) return false;
  // Something must precede the infix within the final path component.
  return infix_pos > 0 && name[infix_pos - 1] != '/';
}

void WriteTextFileAtomic(const std::string& path, const std::string& text) {
  WriteFileAtomic(path, std::span(reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
}

}  // namespace prep360
