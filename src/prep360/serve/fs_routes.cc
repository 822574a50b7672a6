// GET /v1/fs, /v1/fs/equirect, POST /v1/fs/upload: the web UI's file browser, limited to the
// roots, its panorama background, and uploads into a folder of the roots.
#include <algorithm>
#include <filesystem>

#include "prep360/image/image_io.h"
#include "prep360/rig/rig_picture.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/util/atomic_file.h"

namespace prep360::serve {
namespace fs = std::filesystem;
namespace {

std::string KindOf(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* e : {".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp"})
    if (ext == e) return "image";
  for (const char* e : {".mp4", ".mov", ".mkv", ".insv", ".360", ".avi", ".webm", ".m4v"})
    if (ext == e) return "video";
  return "other";
}

Json Roots(const Service& service) {
  Json entries = Json::array();
  for (const fs::path& r : service.guard().roots())
    entries.push_back({{"name", r.string()}, {"path", r.string()}, {"type", "dir"}, {"kind", "root"}});
  return {{"path", ""}, {"parent", nullptr}, {"entries", entries}};
}

// Folders first, then files, each by name; hidden entries and temp files left out.
Json Listing(const Service& service, const std::string& path) {
  const auto dir = service.guard().Resolve(path);
  if (!dir) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  if (!fs::is_directory(*dir, ec)) throw HttpError(404, path + ": no such folder");
  std::vector<Json> dirs, files;
  for (auto it = fs::directory_iterator(*dir, fs::directory_options::skip_permission_denied, ec);
       !ec && it != fs::directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name[0] == '.') continue;
    if (!service.guard().ResolveUnder(*dir, name)) continue;  // a link out of the roots
    if (it->is_directory(ec)) {
      dirs.push_back({{"name", name}, {"path", it->path().string()}, {"type", "dir"}, {"kind", "dir"}});
    } else if (it->is_regular_file(ec)) {
      files.push_back({{"name", name}, {"path", it->path().string()}, {"type", "file"},
                       {"kind", KindOf(it->path())}, {"size", it->file_size(ec)}});
    }
  }
  const auto by_name = [](const Json& a, const Json& b) { return a["name"] < b["name"]; };
  std::sort(dirs.begin(), dirs.end(), by_name);
  std::sort(files.begin(), files.end(), by_name);
  Json entries = Json::array();
  for (Json& e : dirs) entries.push_back(std::move(e));
  for (Json& e : files) entries.push_back(std::move(e));
  Json parent = nullptr;
  if (service.guard().Resolve(dir->parent_path().string()) && dir->has_parent_path() && *dir != dir->root_path())
    parent = dir->parent_path().string();
  return {{"path", dir->string()}, {"parent", parent}, {"entries", entries}};
}

// The panorama at `path` resampled to `width` x width/2 with the rig picture's 30-degree grid
// (DrawRigPicture of a rig without views), as JPEG: the rig editor's background.
void Equirect(Service& service, const httplib::Request& req, httplib::Response& res) {
  const std::string path = QueryString(req, "path", "");
  const auto width = static_cast<int>(QueryInt(req, "width", 1024, 16, 8192)) / 2 * 2;
  const auto file = service.guard().Resolve(path);
  if (!file) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  if (!fs::is_regular_file(*file, ec)) throw HttpError(404, path + ": no such file");
  const std::shared_ptr<const Image> pano = service.panoramas().Get(*file);
  const Image picture = DrawRigPicture(Rig{}, width, pano.get(), false);
  const std::vector<std::uint8_t> jpeg = EncodeImage(picture, ImageFormat::kJpeg, EncodeOptions{});
  res.set_content(std::string(jpeg.begin(), jpeg.end()), "image/jpeg");
}

// The body written to query `path` (a new file in an existing folder under a root), temp + rename.
void Upload(Service& service, const httplib::Request& req, httplib::Response& res) {
  const std::string path = QueryString(req, "path", "");
  if (path.empty()) throw HttpError(400, "query path: required");
  if (req.body.empty()) throw HttpError(400, "body: empty (send the file)");
  const auto file = service.guard().Resolve(path);
  if (!file) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  if (!fs::is_directory(file->parent_path(), ec)) throw HttpError(404, path + ": no such folder");
  if (fs::exists(*file, ec)) throw HttpError(409, path + ": exists already");
  const auto* bytes = reinterpret_cast<const std::uint8_t*>(req.body.data());
  WriteFileAtomic(file->string(), std::span<const std::uint8_t>(bytes, req.body.size()));
  ReplyJson(res, 200, {{"path", file->string()}, {"size", req.body.size()}, {"kind", KindOf(*file)}});
}

}  // namespace

void AddFsRoutes(Service& service, Handlers& h) {
  h["get /v1/fs"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      const std::string path = QueryString(req, "path", "");
      ReplyJson(res, 200, path.empty() ? Roots(service) : Listing(service, path));
    });
  };
  h["post /v1/fs/upload"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Upload(service, req, res); });
  };
  h["get /v1/fs/equirect"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Equirect(service, req, res); });
  };
}

}  // namespace prep360::serve
