#include "prep360/serve/route_table.h"

namespace prep360::serve {

const std::vector<RouteSpec>& Routes() {
  static const std::vector<RouteSpec> routes = {
      {"get", "/v1/health", "Liveness: {\"status\": \"ok\"}", Body::kNone, Body::kJson, {200}, {}},
      {"get", "/v1/info", "Versions, CPU features, ONNX Runtime providers", Body::kNone, Body::kJson, {200}, {}},
      {"get", "/v1/openapi.json", "This document", Body::kNone, Body::kJson, {200}, {}},
      {"get", "/v1/models", "The warm models: name, task, input size, provider, load time", Body::kNone,
       Body::kJson, {200}, {}},
      {"post", "/v1/jobs", "Queue a job document (its JSON form, schema JobDocument); 202 {\"id\"}", Body::kJobDocument,
       Body::kJson, {202, 400, 403, 409, 413, 429}, {}},
      {"get", "/v1/jobs", "Every job, oldest first", Body::kNone, Body::kJson, {200}, {}},
      {"get", "/v1/jobs/{id}", "One job: state, progress, counts, timing, errors, output", Body::kNone, Body::kJson,
       {200, 404}, {}},
      {"delete", "/v1/jobs/{id}", "Cancel a queued or running job (it ends cancelled, whole files only)",
       Body::kNone, Body::kJson, {200, 404, 409}, {}},
      {"post", "/v1/jobs/{id}/resume", "Queue a failed or cancelled job again, resuming its dataset", Body::kNone,
       Body::kJson, {202, 404, 409, 429}, {}},
      {"get", "/v1/jobs/{id}/events", "Server-Sent Events from the job's start: state, start, progress (ETA), "
       "warning, timing, end (Last-Event-ID: continue after that event)", Body::kNone, Body::kEvents, {200, 400, 404}, {}},
      {"get", "/v1/jobs/{id}/files", "The job's output files, as paths relative to its output folder",
       Body::kNone, Body::kJson, {200, 403, 404}, {}},
      {"get", "/v1/jobs/{id}/files/{path}", "One output file (Range requests answered with 206)", Body::kNone,
       Body::kFile, {200, 206, 403, 404}, {}},
      {"post", "/v1/views", "One pinhole view of a panorama as JPEG: an image body with query rig, view, width, "
       "height; or JSON {path, view {yaw, pitch, roll, hfov} | rig + view_name, width, height}",
       Body::kImageOrJson, Body::kJpeg, {200, 400, 403, 404, 413}, {"rig", "view", "width", "height"}},
      {"post", "/v1/detect", "Detections in an image: class, score, box [x0, y0, x1, y1] in pixels; "
       "mask=1 adds the object mask as base64 PNG; model=face or face-front: BlazeFace from the registry",
       Body::kImage, Body::kJson, {200, 400, 404, 413}, {"model", "mask"}},
      {"post", "/v1/mask", "The mask PNG of an image in a tool's style (objects 0, the rest 255; invert swaps)",
       Body::kImage, Body::kPng, {200, 400, 404, 413}, {"model", "style", "dilate", "invert"}},
      {"post", "/v1/ocr", "Text in an image (PP-OCRv4 from the registry): {width, height, provider, "
       "text: [{text, score, quad}]}", Body::kImage, Body::kJson, {200, 400, 404, 413}, {}},
      {"post", "/v1/blur", "The image with every face blurred irreversibly (BlazeFace), as JPEG (format=png: PNG); "
       "header X-Prep360-Faces: faces found", Body::kImage, Body::kJpeg, {200, 400, 404, 413},
       {"model", "format"}},
      // The web UI (ui_routes.cc, rig_routes.cc, fs_routes.cc, frame_routes.cc; docs/ui.md).
      {"get", "/", "The web UI's page", Body::kNone, Body::kFile, {200}, {}},
      {"get", "/ui/{path}", "A file of the web UI (built into the binary)", Body::kNone, Body::kFile, {200, 404}, {}},
      {"get", "/vendor/{path}", "A third-party file of the web UI (npm packages placed by scripts/bootstrap)",
       Body::kNone, Body::kFile, {200, 403, 404}, {}},
      {"get", "/v1/fs", "A folder under a root: {path, parent, entries [{name, path, type, kind, size}]}; "
       "without path, the roots", Body::kNone, Body::kJson, {200, 403, 404}, {"path"}},
      {"get", "/v1/fs/equirect", "A panorama under a root, resampled to width x width/2 with a 30-degree grid, "
       "as JPEG", Body::kNone, Body::kJpeg, {200, 400, 403, 404}, {"path", "width"}},
      {"post", "/v1/fs/upload", "The body saved as a new file at path (in an existing folder under a root); "
       "{path, size, kind}", Body::kFile, Body::kJson, {200, 400, 403, 404, 409, 413}, {"path"}},
      {"post", "/v1/frame", "JSON {path, time}: the video's frame at that time saved as a JPEG panorama in a "
       ".prep360-frames folder beside it; {path, time, duration, fps, width, height}", Body::kJson, Body::kJson,
       {200, 400, 403, 404}, {}},
      {"get", "/v1/rig/presets", "The rig presets: {presets [{name, description}], default}", Body::kNone,
       Body::kJson, {200}, {}},
      {"post", "/v1/rig/files", "JSON {path, rig}: the rig checked and written to path (a .json under a root), "
       "for a job's rig.name", Body::kJson, Body::kJson, {200, 400, 403}, {}},
      {"post", "/v1/rig/footprints", "JSON {preset | rig, min_latitude, samples}: each view's outline on a "
       "360 x 180 equirect (the geometry of the rig picture, rig_picture.h) and the rig's coverage",
       Body::kJson, Body::kJson, {200, 400}, {}},
      {"post", "/v1/mask/equirect", "JSON {path, model, classes, dilate, nadir, width}: the panorama's object mask "
       "as split makes it for mask.objects (the detection rig merged on the sphere; cached per file, model and "
       "classes) with the nadir cap, as a PNG of width x width/2 (objects 0, the rest 255; dilate: pixels of it)",
       Body::kJson, Body::kPng, {200, 400, 403, 404}, {}},
      {"post", "/v1/mask/view", "JSON {path, model, classes, dilate, nadir, view {yaw, pitch, roll, hfov}, width, "
       "height}: the same sphere mask seen by the view, as a PNG (objects 0, the rest 255; dilate: view pixels)",
       Body::kJson, Body::kPng, {200, 400, 403, 404}, {}},
  };
  return routes;
}

std::string RoutePattern(std::string_view openapi_path) {
  std::string pattern(openapi_path);
  const auto replace = [&](const std::string& from, const std::string& to) {
    const auto at = pattern.find(from);
    if (at != std::string::npos) pattern.replace(at, from.size(), to);
  };
  replace("{id}", "([0-9a-f]+)");
  replace("{path}", "(.+)");
  return pattern;
}

}  // namespace prep360::serve
