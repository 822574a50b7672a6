#include "prep360/serve/job_record.h"

#include <chrono>

namespace prep360::serve {

double UnixNow() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

Json JobRecordJson(const JobRecord& r) {
  Json j = Json::object();
  j["id"] = r.id;
  j["state"] = std::string(NameOf(r.state));
  j["command"] = r.command;
  j["output"] = r.output;
  j["progress"] = {{"done", r.done}, {"total", r.total}};
  const bool ran = r.result.is_object();
  j["counts"] = ran ? r.result.value("counts", Json::object()) : Json::object();
  j["timing"] = ran ? r.result.value("timing", Json::object()) : Json::object();
  Json errors = Json::array();
  if (ran) {
    for (const Json& f : r.result.value("failures", Json::array()))
      errors.push_back({{"file", f.value("file", "")}, {"reason", f.value("error", "")}});
  }
  j["errors"] = errors;
  j["error"] = r.error.empty() ? Json(nullptr) : Json(r.error);
  j["created"] = r.created;
  j["started"] = r.started > 0 ? Json(r.started) : Json(nullptr);
  j["finished"] = r.finished > 0 ? Json(r.finished) : Json(nullptr);
  return j;
}

}  // namespace prep360::serve
