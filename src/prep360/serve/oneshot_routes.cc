// POST /v1/views, /v1/detect, /v1/mask: one-shot calls on warm models and cached panoramas.
#include <filesystem>

#include "prep360/image/image_io.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/mask/mask_style.h"
#include "prep360/rig/presets.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/serve/view_preview.h"

namespace prep360::serve {
namespace {

std::vector<std::uint8_t> BodyBytes(const httplib::Request& req) {
  if (req.body.empty()) throw HttpError(400, "body: empty (send the image)");
  return std::vector<std::uint8_t>(req.body.begin(), req.body.end());
}

bool IsImageBody(const httplib::Request& req) {
  return req.get_header_value("Content-Type").rfind("image/", 0) == 0;
}

// The view `view_name` of rig preset `rig` (400 naming `pointer` when either is unknown).
View PresetView(const std::string& rig, const std::string& view_name, const std::string& pointer) {
  Rig preset;
  try {
    preset = MakePreset(rig);
  } catch (const Error& e) {
    throw HttpError(400, e.what(), pointer.empty() ? "" : "/rig");
  }
  for (const View& v : preset.views) {
    if (v.name == view_name) return v;
  }
  throw HttpError(400, "view '" + view_name + "': not a view of rig " + rig, pointer);
}

void SetSize(View& view, std::int64_t width, std::int64_t height) {
  view.width = static_cast<int>(width);
  view.height = static_cast<int>(height > 0 ? height : width);
  if (!(view.hfov_deg > 0 && view.hfov_deg < 180)) throw HttpError(400, "view hfov: must be in (0, 180)", "/view/hfov");
}

// JSON form: {"path", "view": {yaw, pitch, roll, hfov} | "rig" + "view_name", "width", "height"};
// without either view form, the view straight ahead (hfov 90).
std::shared_ptr<const Image> JsonViewRequest(Service& service, const std::string& body, View& view) {
  const Json j = ParseJsonObject(body);
  const std::string path = JsonString(j, "path", "");
  if (path.empty()) throw HttpError(400, "body: /path: required", "/path");
  const auto it = j.find("view");
  if (it != j.end()) {
    if (!it->is_object()) throw HttpError(400, "body: /view: expected an object", "/view");
    view.yaw_deg = JsonNumber(*it, "yaw", 0, "/view");
    view.pitch_deg = JsonNumber(*it, "pitch", 0, "/view");
    view.roll_deg = JsonNumber(*it, "roll", 0, "/view");
    view.hfov_deg = JsonNumber(*it, "hfov", 90, "/view");
    view.name = "view";
  } else if (j.contains("rig") || j.contains("view_name")) {
    view = PresetView(JsonString(j, "rig", "default11"), JsonString(j, "view_name", ""), "/view_name");
  }
  SetSize(view, JsonInt(j, "width", 512, 16, 8192), JsonInt(j, "height", 0, 0, 8192));
  const auto resolved = service.guard().Resolve(path);
  if (!resolved) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  if (!std::filesystem::is_regular_file(*resolved, ec)) throw HttpError(404, path + ": no such file");
  return service.panoramas().Get(*resolved);
}

void Views(Service& service, const httplib::Request& req, httplib::Response& res) {
  View view;
  std::shared_ptr<const Image> pano;
  if (IsImageBody(req)) {
    view = PresetView(QueryString(req, "rig", "default11"), QueryString(req, "view", ""), "");
    SetSize(view, QueryInt(req, "width", 512, 16, 8192), QueryInt(req, "height", 0, 0, 8192));
    pano = std::make_shared<const Image>(DecodeEquirect(BodyBytes(req), "body"));
  } else {
    pano = JsonViewRequest(service, req.body, view);
  }
  const Image out = RenderView(*pano, view);
  const std::vector<std::uint8_t> jpeg = EncodeImage(out, ImageFormat::kJpeg, EncodeOptions{});
  res.set_content(std::string(jpeg.begin(), jpeg.end()), "image/jpeg");
}

std::shared_ptr<Segmenter> NamedModel(Service& service, const httplib::Request& req) {
  const std::string name = QueryString(req, "model", "");
  if (service.options().models.empty()) throw HttpError(404, "no model: the service was started without one");
  if (!name.empty() && service.models().Find(name) == nullptr) throw HttpError(404, "model '" + name + "': no such model");
  return service.models().Named(name);
}

void Detect(Service& service, const httplib::Request& req, httplib::Response& res) {
  if (DetectFaces(service, req, res)) return;
  const std::shared_ptr<Segmenter> model = NamedModel(service, req);
  const bool want_mask = QueryFlag(req, "mask");
  const Image image = DecodeImage(BodyBytes(req), "body");
  std::vector<SegmentResult> results;
  {
    const InferenceGate::Slot slot(service.oneshot_gate());
    results = model->Run({&image});
  }
  const SegmentResult& r = results.at(0);
  const std::vector<std::string>& names = model->info().class_names;
  Json detections = Json::array();
  for (const Detection& d : r.detections) {
    const bool named = d.class_id >= 0 && static_cast<std::size_t>(d.class_id) < names.size();
    detections.push_back({{"class", named ? names[static_cast<std::size_t>(d.class_id)] : std::to_string(d.class_id)},
                          {"class_id", d.class_id},
                          {"score", d.score},
                          {"box", {d.x0, d.y0, d.x1, d.y1}}});
  }
  Json body = {{"width", image.width()}, {"height", image.height()}, {"provider", model->provider()},
               {"detections", detections}};
  if (want_mask) body["mask_png"] = Base64(EncodeImage(r.mask, ImageFormat::kPng, EncodeOptions{}));
  ReplyJson(res, 200, body);
}

void Mask(Service& service, const httplib::Request& req, httplib::Response& res) {
  const std::shared_ptr<Segmenter> model = NamedModel(service, req);
  MaskStyle style = MaskStyle::kColmap;
  if (!LookupName(QueryString(req, "style", "colmap"), &style))
    throw HttpError(400, "query style: one of " + ChoiceList<MaskStyle>());
  const int dilate = static_cast<int>(QueryInt(req, "dilate", 0, 0, 1000));
  const bool invert = QueryFlag(req, "invert");
  const Image image = DecodeImage(BodyBytes(req), "body");
  std::vector<SegmentResult> results;
  {
    const InferenceGate::Slot slot(service.oneshot_gate());
    results = model->Run({&image});
  }
  Image objects = std::move(results.at(0).mask);
  DilateMask(objects, dilate);
  std::optional<Image> file = MaskFile(std::move(objects), style, invert);
  if (!file) {  // nothing masked and the style writes no file: everything is kept
    file = Image(image.width(), image.height(), 1, 1);
    for (int y = 0; y < file->height(); ++y) std::fill_n(file->Row(y), file->width(), std::uint8_t{255});
  }
  const std::vector<std::uint8_t> png = EncodeImage(*file, ImageFormat::kPng, EncodeOptions{});
  res.set_content(std::string(png.begin(), png.end()), "image/png");
}

}  // namespace

void AddOneShotRoutes(Service& service, Handlers& h) {
  h["post /v1/views"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Views(service, req, res); });
  };
  h["post /v1/detect"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Detect(service, req, res); });
  };
  h["post /v1/mask"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Mask(service, req, res); });
  };
}

}  // namespace prep360::serve
