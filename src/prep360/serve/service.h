#pragma once
// `prep360 serve`: the HTTP service. It holds the roots (PathGuard), the warm models
// (ModelPool), the preview cache, the job queue with its SQLite store, and the HTTP server that
// answers the routes of route_table.h with JSON.
#include <cstddef>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "prep360/serve/job_queue.h"
#include "prep360/serve/inference_gate.h"
#include "prep360/serve/job_store.h"
#include "prep360/serve/model_pool.h"
#include "prep360/serve/panorama_cache.h"
#include "prep360/serve/path_guard.h"

namespace httplib {
class Server;
}

namespace prep360::serve {

struct ServeOptions {
  std::string host = "127.0.0.1";
  int port = 8360;  // 0: any free port (Service::Start returns it)
  std::vector<std::string> roots;
  std::vector<ModelSpec> models;
  bool lazy_models = false;
  int workers = 1;
  std::size_t queue = 16;                   // jobs that may wait at once
  std::string token;                        // empty: no authentication (loopback only)
  std::size_t max_upload = std::size_t{1} << 30;
  std::string state_dir;                    // empty: the job list is kept in memory only
  std::size_t preview_cache = 8;            // decoded panoramas kept for previews
  int oneshot_inferences = 2;               // one-shot detect/mask calls that run at once
  int http_threads = 0;                     // 0: max(64, 8 x workers): one per open connection
  JobRunner runner;                         // empty: RunJob with the warm models (tests wrap it)
  std::string ui_vendor;                    // the web UI's third-party files (/vendor/); empty: none
};

// "127.0.0.1", "127.x.y.z", "::1", "localhost".
bool IsLoopbackHost(const std::string& host);

class Service {
 public:
  // Checks the options (a non-loopback host needs a token), opens the roots, the store and the
  // models (unless lazy). Throws Error "NAME: problem".
  explicit Service(ServeOptions options);
  ~Service();  // Stop()
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Binds host:port and serves on a background thread; returns the port. Throws Error.
  int Start();
  // Stops accepting, ends open streams, cancels running jobs and waits for the workers.
  void Stop();

  const ServeOptions& options() const { return options_; }
  const PathGuard& guard() const { return guard_; }
  ModelPool& models() { return *models_; }
  PanoramaCache& panoramas() { return panoramas_; }
  JobQueue& jobs() { return *jobs_; }
  InferenceGate& oneshot_gate() { return oneshot_gate_; }

  // The loaded model `job` needs (its detect group), or null when it needs none.
  std::shared_ptr<Segmenter> ModelFor(const JobDocument& job);

 private:
  void Configure();

  ServeOptions options_;
  PathGuard guard_;
  std::unique_ptr<ModelPool> models_;
  PanoramaCache panoramas_;
  InferenceGate oneshot_gate_;
  std::unique_ptr<JobStore> store_;
  std::unique_ptr<JobQueue> jobs_;
  std::unique_ptr<httplib::Server> http_;
  std::thread thread_;
};

}  // namespace prep360::serve
