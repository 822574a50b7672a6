// GET /v1/rig/presets, POST /v1/rig/footprints, POST /v1/rig/files: the rig editor's data (web UI).
#include <filesystem>

#include "prep360/rig/presets.h"
#include "prep360/rig/rig_json.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/rig_footprints.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/util/atomic_file.h"

namespace prep360::serve {
namespace {

// Body {"preset": NAME} or {"rig": RIG_JSON}, optional "min_latitude" (-90..90) and "samples".
void Footprints(const httplib::Request& req, httplib::Response& res) {
  const Json j = ParseJsonObject(req.body);
  Rig rig;
  if (j.contains("rig")) {
    rig = ParseRigJson(j["rig"].dump(), "body");
  } else {
    const std::string preset = JsonString(j, "preset", "");
    if (preset.empty()) throw HttpError(400, "body: /rig or /preset: required", "/rig");
    try {
      rig = MakePreset(preset);
    } catch (const Error& e) {
      throw HttpError(400, e.what(), "/preset");
    }
  }
  const double min_latitude = JsonNumber(j, "min_latitude", -90);
  if (!(min_latitude >= -90 && min_latitude <= 90))
    throw HttpError(400, "body: /min_latitude: must be in [-90, 90]", "/min_latitude");
  const auto samples = static_cast<int>(JsonInt(j, "samples", 6000, 100, 200000));
  ReplyJson(res, 200, FootprintsJson(rig, samples, min_latitude));
}

// Body {"path": "x.json", "rig": RIG_JSON}: the rig checked and written there (temp + rename).
void SaveRig(Service& service, const httplib::Request& req, httplib::Response& res) {
  const Json j = ParseJsonObject(req.body);
  const std::string path = JsonString(j, "path", "");
  if (path.size() < 6 || path.substr(path.size() - 5) != ".json")
    throw HttpError(400, "body: /path: a .json file name is required", "/path");
  if (!j.contains("rig")) throw HttpError(400, "body: /rig: required", "/rig");
  const Rig rig = ParseRigJson(j["rig"].dump(), "body");
  const auto resolved = service.guard().Resolve(path);
  if (!resolved) throw HttpError(403, path + ": outside every root");
  std::error_code ec;
  std::filesystem::create_directories(resolved->parent_path(), ec);
  WriteTextFileAtomic(resolved->string(), RigToJson(rig));
  ReplyJson(res, 200, {{"path", resolved->string()}, {"views", rig.views.size()}});
}

}  // namespace

void AddRigRoutes(Service& service, Handlers& h) {
  h["get /v1/rig/presets"] = [](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] {
      Json presets = Json::array();
      for (const PresetInfo& p : ListPresets()) presets.push_back({{"name", p.name}, {"description", p.description}});
      ReplyJson(res, 200, {{"presets", presets}, {"default", kDefaultRigName}});
    });
  };
  h["post /v1/rig/files"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { SaveRig(service, req, res); });
  };
  h["post /v1/rig/footprints"] = [](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Footprints(req, res); });
  };
}

}  // namespace prep360::serve
