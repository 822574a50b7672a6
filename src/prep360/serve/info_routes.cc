// GET /v1/health, /v1/info, /v1/openapi.json, /v1/models.
#include "prep360/detect/onnx_env.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/openapi.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"
#include "prep360/util/build_info.h"
#include "prep360/version.h"

namespace prep360::serve {

void AddInfoRoutes(Service& service, Handlers& h) {
  h["get /v1/health"] = [](const httplib::Request&, httplib::Response& res) {
    ReplyJson(res, 200, {{"status", "ok"}});
  };
  h["get /v1/info"] = [&service](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] {
      Json deps = Json::object();
      for (const auto& [name, version] : DependencyVersions()) deps[name] = version;
      Json roots = Json::array();
      for (const auto& r : service.guard().roots()) roots.push_back(r.string());
      ReplyJson(res, 200,
                {{"version", PREP360_VERSION},
                 {"dependencies", deps},
                 {"cpu_features", CpuFeatures()},
                 {"providers", AvailableProviders()},
                 {"roots", roots},
                 {"workers", service.options().workers},
                 {"queue", service.options().queue},
                 {"max_upload", service.options().max_upload}});
    });
  };
  const bool token = !service.options().token.empty();
  h["get /v1/openapi.json"] = [token](const httplib::Request&, httplib::Response& res) {
    ReplyJson(res, 200, OpenApiDocument(token));
  };
  h["get /v1/models"] = [&service](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] { ReplyJson(res, 200, {{"models", service.models().List()}}); });
  };
}

}  // namespace prep360::serve
