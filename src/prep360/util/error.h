#pragma once
// One exception type for every user-facing failure. what() is a single line that names the
// file (or option) and the problem, ready to print as "prep360: <what>".
#include <stdexcept>
#include <string>

namespace prep360 {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A write failed because the disk (or the user's quota) is full: a job stops admitting work
// instead of failing every remaining file.
class DiskFullError : public Error {
 public:
  using Error::Error;
};

// "path: message" — the form every file-related error takes.
inline Error FileError(const std::string& path, const std::string& message) {
  return Error(path + ": " + message);
}

}  // namespace prep360
