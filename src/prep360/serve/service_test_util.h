#pragma once
// Test support for the service tests: an in-process service on an ephemeral loopback port, job
// documents for tiny splits, a Server-Sent Events reader and an observer hook.
#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "prep360/job/job_document.h"
#include "prep360/pipeline/job_observer.h"
#include "prep360/pipeline/progress.h"
#include "prep360/serve/service.h"
#include "prep360/testing/temp_dir.h"

namespace prep360::serve::test {

struct SseEvent {
  std::int64_t id = -1;
  std::string type;
  Json data;
};

// Parses "id: / event: / data:" blocks separated by blank lines.
inline std::vector<SseEvent> ParseSse(const std::string& text) {
  std::vector<SseEvent> events;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t end = text.find("\n\n", at);
    const std::string block = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
    at = end == std::string::npos ? text.size() : end + 2;
    SseEvent e;
    std::size_t line_at = 0;
    while (line_at < block.size()) {
      const std::size_t nl = block.find('\n', line_at);
      const std::string line = block.substr(line_at, nl == std::string::npos ? std::string::npos : nl - line_at);
      line_at = nl == std::string::npos ? block.size() : nl + 1;
      if (line.rfind("id: ", 0) == 0) e.id = std::stoll(line.substr(4));
      if (line.rfind("event: ", 0) == 0) e.type = line.substr(7);
      if (line.rfind("data: ", 0) == 0) e.data = Json::parse(line.substr(6));
    }
    if (!e.type.empty()) events.push_back(std::move(e));
  }
  return events;
}

// Reads a job's event stream to its end (the job's end event).
inline std::vector<SseEvent> ReadEvents(httplib::Client& client, const std::string& id, int* status = nullptr) {
  std::string text;
  const auto res = client.Get(("/v1/jobs/" + id + "/events").c_str(), [&](const char* data, std::size_t n) {
    text.append(data, n);
    return true;
  });
  if (status != nullptr) *status = res ? res->status : -1;
  return ParseSse(text);
}

// Waits (up to a minute, so a broken service fails the test instead of hanging it) for `ready`.
inline bool WaitFor(const std::function<bool()>& ready) {
  for (int i = 0; i < 60000; ++i) {
    if (ready()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return false;
}

// Forwards every call to `inner`, calling `hook(done)` after each progress report.
class HookObserver : public JobObserver {
 public:
  HookObserver(JobObserver& inner, std::function<void(std::int64_t)> hook) : inner_(inner), hook_(std::move(hook)) {}
  void OnStart(const std::string& label, std::int64_t total) override { inner_.OnStart(label, total); }
  void OnProgress(std::int64_t done) override {
    inner_.OnProgress(done);
    hook_(done);
  }
  void OnWarning(const std::string& line) override { inner_.OnWarning(line); }
  void OnFinish(const StageTimes& times) override { inner_.OnFinish(times); }

 private:
  JobObserver& inner_;
  std::function<void(std::int64_t)> hook_;
};

// A split of the panoramas in `in` into 32 x 32 views of default11, one thread.
inline JobDocument TinySplit(const std::filesystem::path& in, const std::filesystem::path& out) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {in.string()};
  job.output = out.string();
  job.rig.width = 32;
  job.rig.height = 32;
  job.runtime.threads = 1;
  job.runtime.frames_in_flight = 1;
  job.runtime.progress = ProgressMode::kNone;
  job.Check();
  return job;
}

// Regular files under `dir`, relative, '/' separated.
inline std::set<std::string> FilesUnder(const std::filesystem::path& dir) {
  std::set<std::string> files;
  if (!std::filesystem::exists(dir)) return files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(dir))
    if (e.is_regular_file()) files.insert(std::filesystem::relative(e.path(), dir).generic_string());
  return files;
}

// An in-process service rooted at DIR/root (created) on a free loopback port.
class Harness {
 public:
  explicit Harness(const std::function<void(ServeOptions&)>& tweak = {}) {
    std::filesystem::create_directories(root());
    ServeOptions o;
    o.port = 0;
    o.roots = {root().string()};
    o.workers = 1;
    if (tweak) tweak(o);
    options_ = o;
    service_ = std::make_unique<Service>(o);
    port_ = service_->Start();
  }
  // Stops the service and starts a new one with the same options (and state folder).
  void Restart() {
    service_.reset();
    service_ = std::make_unique<Service>(options_);
    port_ = service_->Start();
  }
  std::filesystem::path root() const { return dir_.path() / "root"; }
  const std::filesystem::path& dir() const { return dir_.path(); }
  Service& service() { return *service_; }
  int port() const { return port_; }
  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_read_timeout(120, 0);
    return c;
  }
  void Stop() { service_.reset(); }

 private:
  testkit::TempDir dir_;
  ServeOptions options_;
  std::unique_ptr<Service> service_;
  int port_ = 0;
};

// POST /v1/jobs; returns the id ("" unless 202).
inline std::string Submit(httplib::Client& c, const JobDocument& job, int* status = nullptr) {
  const auto res = c.Post("/v1/jobs", JobToText(job), "application/json");
  if (status != nullptr) *status = res ? res->status : -1;
  if (!res || res->status != 202) return "";
  return Json::parse(res->body).at("id").get<std::string>();
}

}  // namespace prep360::serve::test
