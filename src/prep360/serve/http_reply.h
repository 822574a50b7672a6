#pragma once
// How the service answers: JSON bodies, one-line errors {"error": ..., "pointer": ...} with an
// HTTP status (HttpError, thrown by handlers and turned into the reply), query and JSON-body
// readers whose errors name the JSON pointer or query parameter.
#include <cstdint>
#include <string>
#include <vector>

#include <httplib.h>

#include "prep360/job/settings_json.h"
#include "prep360/util/error.h"

namespace prep360::serve {

class HttpError : public Error {
 public:
  HttpError(int status, const std::string& message, std::string pointer = "")
      : Error(message), status_(status), pointer_(std::move(pointer)) {}
  int status() const { return status_; }
  const std::string& pointer() const { return pointer_; }

 private:
  int status_;
  std::string pointer_;
};

void ReplyJson(httplib::Response& res, int status, const Json& body);
// {"error": message} plus "pointer" when given.
void ReplyError(httplib::Response& res, int status, const std::string& message, const std::string& pointer = "");

// Runs `handler`, turning HttpError into its status, prep360::Error into 400 and anything else
// into 500 "internal error" (no details).
void Guarded(httplib::Response& res, const std::function<void()>& handler);

// The body parsed as a JSON object; 400 with pointer "" when it is not.
Json ParseJsonObject(const std::string& body);
// An error of ParseJobDocument ("NAME: /pointer: reason") as a 400 with its pointer.
[[noreturn]] void ThrowDocumentError(const std::string& message, const std::string& name);

// Query parameters: absent -> fallback; not an integer in [lo, hi] -> 400 naming the parameter.
std::int64_t QueryInt(const httplib::Request& req, const std::string& name, std::int64_t fallback, std::int64_t lo,
                      std::int64_t hi);
std::string QueryString(const httplib::Request& req, const std::string& name, const std::string& fallback);
bool QueryFlag(const httplib::Request& req, const std::string& name);

// JSON body fields: absent -> fallback; a wrong type -> 400 with the field's pointer.
double JsonNumber(const Json& j, const std::string& key, double fallback, const std::string& parent = "");
std::int64_t JsonInt(const Json& j, const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi,
                     const std::string& parent = "");
std::string JsonString(const Json& j, const std::string& key, const std::string& fallback,
                       const std::string& parent = "");

std::string Base64(const std::vector<std::uint8_t>& bytes);

// The Content-Type of a file by its extension ("image/jpeg", ...; "application/octet-stream").
std::string ContentTypeOf(const std::string& path);

}  // namespace prep360::serve
