#pragma once
// SHA-256 of a file (OpenSSL's libcrypto), as lower-case hex.
#include <string>

namespace prep360 {

// Throws Error naming `path` when it cannot be read.
std::string FileSha256(const std::string& path);

}  // namespace prep360
