#pragma once
// The service's shared secret: read from the token file, checked against each request's
// `Authorization: Bearer <token>` header in constant time.
#include <string>

namespace prep360::serve {

// The first line of `path`, trimmed. Throws Error "PATH: problem" for a missing or empty file.
std::string ReadTokenFile(const std::string& path);

// a == b, in time that depends only on the lengths.
bool ConstantTimeEquals(const std::string& a, const std::string& b);

// True when `header` (the Authorization value) is "Bearer <token>".
bool BearerMatches(const std::string& header, const std::string& token);

}  // namespace prep360::serve
