#include "prep360/serve/openapi.h"

#include "prep360/job/job_document.h"
#include "prep360/serve/route_table.h"
#include "prep360/version.h"

namespace prep360::serve {
namespace {

Json Content(Body body) {
  const Json json_any = {{"schema", {{"type", "object"}}}};
  switch (body) {
    case Body::kJson: return {{"application/json", json_any}};
    case Body::kJobDocument: return {{"application/json", {{"schema", {{"$ref", "#/components/schemas/JobDocument"}}}}}};
    case Body::kImage: return {{"image/*", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    case Body::kImageOrJson:
      return {{"image/*", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}, {"application/json", json_any}};
    case Body::kJpeg: return {{"image/jpeg", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    case Body::kPng: return {{"image/png", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    case Body::kEvents: return {{"text/event-stream", {{"schema", {{"type", "string"}}}}}};
    case Body::kFile: return {{"application/octet-stream", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}};
    case Body::kNone: break;
  }
  return Json::object();
}

const char* StatusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 202: return "Accepted";
    case 206: return "Partial content (Range)";
    case 400: return "Malformed JSON, wrong types or bad values: {\"error\", \"pointer\"}";
    case 401: return "Missing or wrong bearer token";
    case 403: return "A path outside every root";
    case 404: return "No such job, file, model or route";
    case 409: return "The job is in a state that does not allow this, or its output folder is in use";
    case 413: return "The body is larger than the upload limit";
    case 429: return "The queue is full";
    default: return "Internal error (no details)";
  }
}

Json Operation(const RouteSpec& r, bool token) {
  Json op = {{"summary", std::string(r.summary)}, {"operationId", std::string(r.method) + std::string(r.path)}};
  Json parameters = Json::array();
  for (const char* name : {"id", "path"}) {
    std::string placeholder = "{";  // built by appending: GCC 12 warns (-Wrestrict) on "{" + s + "}"
    placeholder.append(name).append("}");
    if (std::string_view(r.path).find(placeholder) == std::string_view::npos) continue;
    parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
  }
  for (const std::string_view q : r.query)
    parameters.push_back({{"name", std::string(q)}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}}}});
  if (!parameters.empty()) op["parameters"] = parameters;
  if (r.request != Body::kNone) op["requestBody"] = {{"required", true}, {"content", Content(r.request)}};
  Json responses = Json::object();
  std::vector<int> statuses = r.statuses;
  if (token) statuses.push_back(401);
  statuses.push_back(500);
  for (const int s : statuses) {
    Json resp = {{"description", StatusText(s)}};
    const Body body = s < 300 ? r.response : Body::kJson;
    if (body != Body::kNone) resp["content"] = Content(body);
    responses[std::to_string(s)] = resp;
  }
  op["responses"] = responses;
  return op;
}

}  // namespace

Json OpenApiDocument(bool token) {
  Json doc = {{"openapi", "3.1.0"},
              {"info", {{"title", "prep360 service"}, {"version", PREP360_VERSION}}},
              {"paths", Json::object()}};
  for (const RouteSpec& r : Routes()) doc["paths"][std::string(r.path)][std::string(r.method)] = Operation(r, token);
  Json schema = JobSchema();
  schema.erase("$schema");
  doc["components"] = {{"schemas", {{"JobDocument", schema}}}};
  if (token) {
    doc["components"]["securitySchemes"] = {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}};
    doc["security"] = Json::array({{{"bearer", Json::array()}}});
  }
  return doc;
}

}  // namespace prep360::serve
