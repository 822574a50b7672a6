#include "prep360/serve/bearer_token.h"

#include <fstream>

#include "prep360/util/error.h"

namespace prep360::serve {

std::string ReadTokenFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw FileError(path, "cannot read the token file");
  std::string line;
  std::getline(in, line);
  const auto first = line.find_first_not_of(" \t\r");
  const auto last = line.find_last_not_of(" \t\r");
  if (first == std::string::npos) throw FileError(path, "the token file is empty");
  return line.substr(first, last - first + 1);
}

bool ConstantTimeEquals(const std::string& a, const std::string& b) {
  unsigned diff = a.size() == b.size() ? 0u : 1u;
  const std::size_t n = a.size() > b.size() ? a.size() : b.size();
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

bool BearerMatches(const std::string& header, const std::string& token) {
  static const std::string kPrefix = "Bearer ";
  if (token.empty()) return false;
  const bool prefixed = header.size() >= kPrefix.size() && header.compare(0, kPrefix.size(), kPrefix) == 0;
  const std::string given = prefixed ? header.substr(kPrefix.size()) : std::string();
  return ConstantTimeEquals(given, token) && prefixed;
}

}  // namespace prep360::serve
