#pragma once
// Every route the service serves, as one table: the server registers exactly these (and refuses
// to start if a route lacks a handler or a handler lacks a route), and the OpenAPI document is
// generated from it, so the document describes exactly what is served.
#include <string>
#include <string_view>
#include <vector>

namespace prep360::serve {

// What a request body or a response is.
enum class Body { kNone, kJson, kJobDocument, kImage, kImageOrJson, kJpeg, kPng, kEvents, kFile };

struct RouteSpec {
  std::string_view method;   // "get", "post", "delete"
  std::string_view path;     // OpenAPI form: "/v1/jobs/{id}"
  std::string_view summary;
  Body request = Body::kNone;
  Body response = Body::kJson;
  std::vector<int> statuses;  // besides 401 (with a token) and 500
  std::vector<std::string_view> query;  // query parameters
};

const std::vector<RouteSpec>& Routes();

// The httplib pattern of an OpenAPI path: {id} -> ([0-9a-f]+), {path} -> (.+).
std::string RoutePattern(std::string_view openapi_path);

}  // namespace prep360::serve
