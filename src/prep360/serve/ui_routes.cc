// GET /, /ui/{path}, /vendor/{path}: the web UI. Its own files are embedded (ui_assets.h); the
// third-party ones (npm packages placed by scripts/bootstrap) come from the vendor folder.
#include <filesystem>
#include <fstream>

#include "prep360/serve/http_reply.h"
#include "prep360/serve/path_guard.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/serve/ui_assets.h"

namespace prep360::serve {
namespace fs = std::filesystem;

const UiAsset* FindUiAsset(std::string_view name) {
  for (const UiAsset& a : UiAssets())
    if (a.name == name) return &a;
  return nullptr;
}

namespace {

std::string UiContentType(std::string_view name) {
  const auto ends = [&](std::string_view e) { return name.size() >= e.size() && name.substr(name.size() - e.size()) == e; };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json";
  return ContentTypeOf(std::string(name));
}

void ServeAsset(std::string_view name, httplib::Response& res) {
  const UiAsset* asset = FindUiAsset(name);
  if (asset == nullptr) throw HttpError(404, std::string(name) + ": no such file of the web UI");
  res.set_header("Cache-Control", "no-cache");
  res.set_content(std::string(reinterpret_cast<const char*>(asset->data), asset->size), UiContentType(name));
}

void ServeVendor(const std::string& vendor, const std::string& relative, httplib::Response& res) {
  if (vendor.empty()) throw HttpError(404, relative + ": no vendor folder (run scripts/bootstrap)");
  const fs::path base = fs::path(vendor).lexically_normal();
  const fs::path path = (base / relative).lexically_normal();
  if (!IsWithin(path, base)) throw HttpError(403, relative + ": outside the vendor folder");
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) throw HttpError(404, relative + ": not in the vendor folder (run scripts/bootstrap)");
  std::string bytes(static_cast<std::size_t>(fs::file_size(path, ec)), '\0');
  std::ifstream in(path, std::ios::binary);
  if (ec || !in.read(bytes.data(), static_cast<std::streamsize>(bytes.size())))
    throw HttpError(404, relative + ": cannot read it from the vendor folder");
  res.set_header("Cache-Control", "max-age=3600");
  res.set_content(std::move(bytes), UiContentType(path.string()));
}

}  // namespace

void AddUiRoutes(Service& service, Handlers& h) {
  h["get /"] = [](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] { ServeAsset("index.html", res); });
  };
  h["get /ui/{path}"] = [](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { ServeAsset(std::string(req.matches[1]), res); });
  };
  const std::string vendor = service.options().ui_vendor;
  h["get /vendor/{path}"] = [vendor](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { ServeVendor(vendor, req.matches[1], res); });
  };
}

}  // namespace prep360::serve
