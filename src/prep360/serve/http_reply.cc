#include "prep360/serve/http_reply.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>

namespace prep360::serve {

void ReplyJson(httplib::Response& res, int status, const Json& body) {
  res.status = status;
  res.set_content(body.dump() + "\n", "application/json");
}

void ReplyError(httplib::Response& res, int status, const std::string& message, const std::string& pointer) {
  Json body = {{"error", message}};
  if (status == 400) body["pointer"] = pointer;
  ReplyJson(res, status, body);
}

void Guarded(httplib::Response& res, const std::function<void()>& handler) {
  try {
    handler();
  } catch (const HttpError& e) {
    ReplyError(res, e.status(), e.what(), e.pointer());
  } catch (const Error& e) {
    ReplyError(res, 400, e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "prep360 serve: internal error: %s\n", e.what());
    ReplyError(res, 500, "internal error");
  }
}

Json ParseJsonObject(const std::string& body) {
  Json j = Json::parse(body, nullptr, false);
  if (j.is_discarded()) throw HttpError(400, "body: not valid JSON", "");
  if (!j.is_object()) throw HttpError(400, "body: expected a JSON object", "");
  return j;
}

void ThrowDocumentError(const std::string& message, const std::string& name) {
  std::string rest = message;
  if (rest.rfind(name + ": ", 0) == 0) rest = rest.substr(name.size() + 2);
  std::string pointer;
  if (!rest.empty() && rest[0] == '/') pointer = rest.substr(0, rest.find(": "));
  throw HttpError(400, message, pointer);
}

std::int64_t QueryInt(const httplib::Request& req, const std::string& name, std::int64_t fallback, std::int64_t lo,
                      std::int64_t hi) {
  if (!req.has_param(name.c_str())) return fallback;
  const std::string text = req.get_param_value(name.c_str());
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < lo || value > hi)
    throw HttpError(400, "query " + name + ": expected an integer in " + std::to_string(lo) + ".." + std::to_string(hi),
                    "");
  return value;
}

std::string QueryString(const httplib::Request& req, const std::string& name, const std::string& fallback) {
  return req.has_param(name.c_str()) ? req.get_param_value(name.c_str()) : fallback;
}

bool QueryFlag(const httplib::Request& req, const std::string& name) {
  return QueryInt(req, name, 0, 0, 1) == 1;
}

namespace {

const Json* Field(const Json& j, const std::string& key) {
  const auto it = j.find(key);
  return it == j.end() ? nullptr : &*it;
}

[[noreturn]] void WrongType(const std::string& pointer, const std::string& expected, const Json& got) {
  throw HttpError(400, "body: " + pointer + ": expected " + expected + ", got " + got.dump(), pointer);
}

}  // namespace

double JsonNumber(const Json& j, const std::string& key, double fallback, const std::string& parent) {
  const Json* f = Field(j, key);
  if (f == nullptr) return fallback;
  if (!f->is_number()) WrongType(parent + "/" + key, "a number", *f);
  return f->get<double>();
}

std::int64_t JsonInt(const Json& j, const std::string& key, std::int64_t fallback, std::int64_t lo, std::int64_t hi,
                     const std::string& parent) {
  const Json* f = Field(j, key);
  if (f == nullptr) return fallback;
  const std::string expected = "an integer in " + std::to_string(lo) + ".." + std::to_string(hi);
  if (!f->is_number_integer()) WrongType(parent + "/" + key, expected, *f);
  const std::int64_t v = f->get<std::int64_t>();
  if (v < lo || v > hi) WrongType(parent + "/" + key, expected, *f);
  return v;
}

std::string JsonString(const Json& j, const std::string& key, const std::string& fallback, const std::string& parent) {
  const Json* f = Field(j, key);
  if (f == nullptr) return fallback;
  if (!f->is_string()) WrongType(parent + "/" + key, "a string", *f);
  return f->get<std::string>();
}

std::string Base64(const std::vector<std::uint8_t>& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  for (std::size_t i = 0; i < bytes.size(); i += 3) {
    const std::uint32_t b0 = bytes[i];
    const std::uint32_t b1 = i + 1 < bytes.size() ? bytes[i + 1] : 0;
    const std::uint32_t b2 = i + 2 < bytes.size() ? bytes[i + 2] : 0;
    const std::uint32_t n = (b0 << 16) | (b1 << 8) | b2;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kAlphabet[n & 63] : '=';
  }
  return out;
}

std::string ContentTypeOf(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".png") return "image/png";
  if (ext == ".tif" || ext == ".tiff") return "image/tiff";
  if (ext == ".json") return "application/json";
  if (ext == ".txt") return "text/plain";
  return "application/octet-stream";
}

}  // namespace prep360::serve
