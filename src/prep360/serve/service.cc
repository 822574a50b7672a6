#include "prep360/serve/service.h"

#include <httplib.h>

#include <algorithm>
#include <cstdio>

#include "prep360/serve/bearer_token.h"
#include "prep360/serve/http_reply.h"
#include "prep360/serve/route_table.h"
#include "prep360/serve/routes.h"
#include "prep360/util/error.h"

namespace prep360::serve {

bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

namespace {

ServeOptions Checked(ServeOptions o) {
  if (!IsLoopbackHost(o.host) && o.token.empty())
    throw Error("host " + o.host + ": not a loopback address; a token file is required to serve on it");
  if (o.roots.empty()) throw Error("no root: the service needs at least one root folder");
  if (o.workers < 1) throw Error("workers: must be at least 1");
  if (o.queue < 1) throw Error("queue: must be at least 1");
  for (ModelSpec& m : o.models) {
    std::error_code ec;
    const std::filesystem::path resolved = std::filesystem::weakly_canonical(m.path, ec);
    if (!ec) m.path = resolved.string();
  }
  return o;
}

}  // namespace

Service::Service(ServeOptions options)
    : options_(Checked(std::move(options))), guard_(options_.roots), panoramas_(options_.preview_cache),
      oneshot_gate_(options_.oneshot_inferences) {
  const auto warn = [](const std::string& line) { std::fprintf(stderr, "prep360 serve: warning: %s\n", line.c_str()); };
  models_ = std::make_unique<ModelPool>(options_.models, options_.lazy_models, warn);
  if (!options_.state_dir.empty()) store_ = std::make_unique<JobStore>(options_.state_dir);
  JobRunner runner = options_.runner;
  if (!runner) {
    runner = [this](const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
      return RunJob(job, observer, cancel, ModelFor(job));
    };
  }
  jobs_ = std::make_unique<JobQueue>(options_.workers, options_.queue, store_.get(), std::move(runner));
  http_ = std::make_unique<httplib::Server>();
  Configure();
}

Service::~Service() { Stop(); }

std::shared_ptr<Segmenter> Service::ModelFor(const JobDocument& job) {
  const bool needs = job.command == JobCommand::kMask || (GroupsOf(job.command).mask && job.mask.objects);
  if (!needs || job.detect.model.empty()) return nullptr;
  return models_->Get(job.detect);
}

void Service::Configure() {
  httplib::Server& http = *http_;
  const int threads = options_.http_threads > 0 ? options_.http_threads : std::max(64, 8 * options_.workers);
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
  http.set_payload_max_length(options_.max_upload);
  http.set_keep_alive_max_count(1000);
  http.set_tcp_nodelay(true);  // small answers go out at once (no Nagle + delayed-ACK wait)
  const std::string token = options_.token;
  http.set_pre_routing_handler([token](const httplib::Request& req, httplib::Response& res) {
    if (token.empty() || BearerMatches(req.get_header_value("Authorization"), token))
      return httplib::Server::HandlerResponse::Unhandled;
    res.set_header("WWW-Authenticate", "Bearer");
    ReplyError(res, 401, "missing or wrong bearer token");
    return httplib::Server::HandlerResponse::Handled;
  });
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    const std::string message = res.status == 404 ? "no such route"
                                : res.status == 413 ? "body larger than the upload limit"
                                                    : std::string("request failed");
    ReplyError(res, res.status, message);
  });
  http.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    ReplyError(res, 500, "internal error");
  });
  Handlers handlers;
  AddInfoRoutes(*this, handlers);
  AddJobRoutes(*this, handlers);
  AddJobFileRoutes(*this, handlers);
  AddOneShotRoutes(*this, handlers);
  AddRegistryModelRoutes(*this, handlers);
  AddUiRoutes(*this, handlers);
  AddFsRoutes(*this, handlers);
  AddFrameRoutes(*this, handlers);
  AddRigRoutes(*this, handlers);
  AddMaskPreviewRoutes(*this, handlers);
  for (const RouteSpec& r : Routes()) {
    const auto it = handlers.find(std::string(r.method) + " " + std::string(r.path));
    if (it == handlers.end()) throw std::logic_error("route without a handler: " + std::string(r.path));
    const std::string pattern = RoutePattern(r.path);
    if (r.method == "get") http.Get(pattern, it->second);
    if (r.method == "post") http.Post(pattern, it->second);
    if (r.method == "delete") http.Delete(pattern, it->second);
    handlers.erase(it);
  }
  if (!handlers.empty()) throw std::logic_error("handler without a route: " + handlers.begin()->first);
}

int Service::Start() {
  const std::string where = options_.host + ":" + std::to_string(options_.port);
  int port = options_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(options_.host);
  } else if (!http_->bind_to_port(options_.host, port)) {
    port = -1;
  }
  if (port <= 0) throw Error(where + ": cannot listen (address in use, or not an address of this machine)");
  thread_ = std::thread([this] { http_->listen_after_bind(); });
  return port;
}

void Service::Stop() {
  if (http_) http_->stop();
  if (thread_.joinable()) thread_.join();
  if (jobs_) jobs_->Shutdown();
}

}  // namespace prep360::serve
