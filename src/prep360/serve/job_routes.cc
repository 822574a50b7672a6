// POST/GET /v1/jobs, GET/DELETE /v1/jobs/{id}, POST /v1/jobs/{id}/resume.
#include "prep360/serve/http_reply.h"
#include "prep360/serve/routes.h"
#include "prep360/serve/service.h"

namespace prep360::serve {
namespace {

std::string Resolved(const Service& service, const std::string& path, const std::string& pointer) {
  const auto resolved = service.guard().Resolve(path);
  if (!resolved) throw HttpError(403, pointer + ": " + path + ": outside every root");
  return resolved->string();
}

// Every path of the document resolved inside a root (403 otherwise); detect.model may name a
// model the service was started with.
void ResolvePaths(Service& service, JobDocument& job) {
  for (std::size_t i = 0; i < job.inputs.size(); ++i)
    job.inputs[i] = Resolved(service, job.inputs[i], "/inputs/" + std::to_string(i));
  job.output = Resolved(service, job.output, "/output");
  if (!GroupsOf(job.command).detect) return;
  if (const ModelSpec* named = service.models().Find(job.detect.model)) {
    job.detect.model = named->path;
  } else if (!job.detect.model.empty()) {
    job.detect.model = Resolved(service, job.detect.model, "/detect/model");
  }
  if (!job.detect.class_names.empty()) job.detect.class_names = Resolved(service, job.detect.class_names, "/detect/class_names");
}

JobDocument ParseBody(const std::string& body) {
  try {
    return ParseJobDocument(body, "body");
  } catch (const Error& e) {
    ThrowDocumentError(e.what(), "body");
  }
}

void Answer(httplib::Response& res, QueueAnswer answer, const std::string& id, int ok_status) {
  switch (answer) {
    case QueueAnswer::kOk: ReplyJson(res, ok_status, {{"id", id}}); return;
    case QueueAnswer::kNotFound: throw HttpError(404, "job " + id + ": no such job");
    case QueueAnswer::kFull: throw HttpError(429, "the job queue is full; try again later");
    case QueueAnswer::kConflict: throw HttpError(409, "job " + id + ": not possible in its state, or its output folder is in use");
  }
}

}  // namespace

void AddJobRoutes(Service& service, Handlers& h) {
  h["post /v1/jobs"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      JobDocument job = ParseBody(req.body);
      ResolvePaths(service, job);
      std::string id;
      const QueueAnswer answer = service.jobs().Submit(job, id);
      if (answer == QueueAnswer::kConflict) throw HttpError(409, "output " + job.output + ": a queued or running job writes there");
      Answer(res, answer, id, 202);
    });
  };
  h["get /v1/jobs"] = [&service](const httplib::Request&, httplib::Response& res) {
    Guarded(res, [&] {
      Json list = Json::array();
      for (const JobRecord& r : service.jobs().List()) list.push_back(JobRecordJson(r));
      ReplyJson(res, 200, {{"jobs", list}});
    });
  };
  h["get /v1/jobs/{id}"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      const auto record = service.jobs().Get(req.matches[1]);
      if (!record) throw HttpError(404, "job " + std::string(req.matches[1]) + ": no such job");
      ReplyJson(res, 200, JobRecordJson(*record));
    });
  };
  h["delete /v1/jobs/{id}"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Answer(res, service.jobs().Cancel(req.matches[1]), req.matches[1], 200); });
  };
  h["post /v1/jobs/{id}/resume"] = [&service](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { Answer(res, service.jobs().Resume(req.matches[1]), req.matches[1], 202); });
  };
}

}  // namespace prep360::serve
