#pragma once
// The OpenAPI 3.1 document of the service, generated from the route table (GET /v1/openapi.json).
#include "prep360/job/settings_json.h"

namespace prep360::serve {

// `token`: whether requests need a bearer token.
Json OpenApiDocument(bool token);

}  // namespace prep360::serve
