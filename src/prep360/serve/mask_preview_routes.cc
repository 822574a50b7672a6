// POST /v1/mask/equirect, /v1/mask/view: the web UI's mask overlays from one sphere mask per
// panorama (sphere_mask_preview.h), so the equirect and the view overlays agree.
#include <filesystem>
#include <memory>

#include "prep360/image/image_io.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/serve/sphere_mask_preview.h"

namespace prep360::serve {
namespace {
namespace fs = std::filesystem;

// What both routes read: {path, model, classes, dilate, nadir}.
struct MaskPreviewRequest {
  Json body;
  std::shared_ptr<const Image> sphere;
  double nadir = -1;
  int dilate = 0;
};

std::vector<std::string> Classes(const Json& j) {
  if (!j.contains("classes")) return kDefaultMaskClasses;
  const Json& list = j.at("classes");
  const HttpError bad(400, "body: /classes: expected a list of class names or ids", "/classes");
  if (!list.is_array() || list.empty()) throw bad;
  std::vector<std::string> classes;
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string() || list[i].get<std::string>().empty()) throw bad;
    classes.push_back(list[i].get<std::string>());
  }
  return classes;
}

// The loaded model `name` with `classes` (a model's variant is loaded once, as for jobs).
std::shared_ptr<Segmenter> ModelWith(Service& service, const std::string& name, const std::vector<std::string>& classes) {
  if (service.options().models.empty()) throw HttpError(404, "no model: the service was started without one");
  const ModelSpec* spec = name.empty() ? &service.options().models.front() : service.models().Find(name);
  if (spec == nullptr) throw HttpError(404, "model '" + name + "': no such model");
  DetectSettings detect = service.models().DefaultsFor(*spec);
  detect.classes = classes;
  try {
    return service.models().Get(detect);
  } catch (const Error& e) {
    throw HttpError(400, e.what(), "/classes");
  }
}

MaskPreviewRequest ReadRequest(Service& service, SphereMaskCache& cache, const std::string& text) {
  MaskPreviewRequest r;
  r.body = ParseJsonObject(text);
  const std::string path = JsonString(r.body, "path", "");
  if (path.empty()) throw HttpError(400, "body: /path: required", "/path");
  r.dilate = static_cast<int>(JsonInt(r.body, "dilate", 0, 0, 1000));
  r.nadir = JsonNumber(r.body, "nadir", -1);
  if (r.nadir > 90) throw HttpError(400, "body: /nadir: degrees below the horizon in [0, 90], or -1 = off", "/nadir");
  const std::string model = JsonString(r.body, "model", "");
  const std::vector<std::string> classes = Classes(r.body);
  const auto file = service.guard().Resolve(path);
  if (!file) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  if (!fs::is_regular_file(*file, ec)) throw HttpError(404, path + ": no such file");
  const std::shared_ptr<Segmenter> segmenter = ModelWith(service, model, classes);
  const std::shared_ptr<const Image> pano = service.panoramas().Get(*file);
  const auto mtime = fs::last_write_time(*file, ec);
  std::string key = file->string() + "\n" + std::to_string(mtime.time_since_epoch().count()) + "\n" + model;
  for (const std::string& c : classes) key += "\n" + c;
  r.sphere = cache.Get(key, *pano, segmenter, service.oneshot_gate());
  return r;
}

// The mask in the file polarity of /v1/mask's colmap style: objects 0, the rest 255.
void ReplyMaskPng(Image objects, httplib::Response& res) {
  InvertMask(objects);
  const std::vector<std::uint8_t> png = EncodeImage(objects, ImageFormat::kPng, EncodeOptions{});
  res.set_content(std::string(png.begin(), png.end()), "image/png");
}

void EquirectMask(Service& service, SphereMaskCache& cache, const httplib::Request& req, httplib::Response& res) {
  const MaskPreviewRequest r = ReadRequest(service, cache, req.body);
  const auto width = static_cast<int>(JsonInt(r.body, "width", 1024, 16, 8192)) / 2 * 2;
  ReplyMaskPng(EquirectMaskPreview(*r.sphere, r.nadir, r.dilate, width), res);
}

void ViewMask(Service& service, SphereMaskCache& cache, const httplib::Request& req, httplib::Response& res) {
  const Json body = ParseJsonObject(req.body);
  const auto it = body.find("view");
  if (it == body.end() || !it->is_object()) throw HttpError(400, "body: /view: required, an object", "/view");
  View view;
  view.name = "view";
  view.yaw_deg = JsonNumber(*it, "yaw", 0, "/view");
  view.pitch_deg = JsonNumber(*it, "pitch", 0, "/view");
  view.roll_deg = JsonNumber(*it, "roll", 0, "/view");
  view.hfov_deg = JsonNumber(*it, "hfov", 90, "/view");
  if (!(view.hfov_deg > 0 && view.hfov_deg < 180)) throw HttpError(400, "body: /view/hfov: must be in (0, 180)", "/view/hfov");
  view.width = static_cast<int>(JsonInt(body, "width", 512, 16, 8192));
  view.height = static_cast<int>(JsonInt(body, "height", view.width, 16, 8192));
  const MaskPreviewRequest r = ReadRequest(service, cache, req.body);
  ReplyMaskPng(ViewMaskPreview(*r.sphere, r.nadir, r.dilate, view), res);
}

}  // namespace

void AddMaskPreviewRoutes(Service& service, Handlers& h) {
  auto cache = std::make_shared<SphereMaskCache>(service.options().preview_cache);
  h["post /v1/mask/equirect"] = [&service, cache](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { EquirectMask(service, *cache, req, res); });
  };
  h["post /v1/mask/view"] = [&service, cache](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { ViewMask(service, *cache, req, res); });
  };
}

}  // namespace prep360::serve
