#include "prep360/serve/job_queue.h"

#include <cstdio>
#include <random>

#include "prep360/serve/progress_events.h"
#include "prep360/util/error.h"

namespace prep360::serve {

struct JobQueue::Job {
  JobRecord record;  // guarded by JobQueue::mutex_
  JobDocument document;
  CancelToken cancel;
  std::shared_ptr<EventLog> events = std::make_shared<EventLog>();
};

namespace {

std::string NewId() {
  static std::mutex mutex;
  static std::mt19937_64 random(std::random_device{}());
  const std::lock_guard<std::mutex> lock(mutex);
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(random()));
  return text;
}

Json EndEvent(const JobRecord& r) {
  return {{"state", std::string(NameOf(r.state))},
          {"counts", r.result.is_object() ? r.result.value("counts", Json::object()) : Json::object()},
          {"error", r.error.empty() ? Json(nullptr) : Json(r.error)}};
}

}  // namespace

JobQueue::JobQueue(int workers, std::size_t capacity, JobStore* store, JobRunner runner)
    : capacity_(capacity), store_(store), runner_(std::move(runner)) {
  LoadStored();
  for (int w = 0; w < std::max(1, workers); ++w) workers_.emplace_back([this] { Work(); });
}

JobQueue::~JobQueue() { Shutdown(); }

void JobQueue::LoadStored() {
  if (store_ == nullptr) return;
  for (JobRecord& r : store_->LoadAll()) {
    auto job = std::make_shared<Job>();
    if (!IsFinished(r.state)) {
      r.state = JobState::kFailed;
      r.error = "interrupted";
      r.finished = UnixNow();
      store_->Save(r);
    }
    job->record = r;
    job->events->Append("state", {{"state", std::string(NameOf(r.state))}});
    job->events->Append("end", EndEvent(r));
    job->events->Close();
    next_seq_ = std::max(next_seq_, r.seq + 1);
    jobs_[r.id] = job;
  }
}

void JobQueue::Store(const JobRecord& record) {
  if (store_ == nullptr) return;
  try {
    store_->Save(record);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "prep360 serve: %s\n", e.what());
  }
}

bool JobQueue::OutputBusy(const std::string& output) const {
  for (const auto& [id, job] : jobs_) {
    if (!IsFinished(job->record.state) && job->record.output == output) return true;
  }
  return false;
}

QueueAnswer JobQueue::Submit(const JobDocument& document, std::string& id) {
  auto job = std::make_shared<Job>();
  JobRecord snapshot;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (queue_.size() >= capacity_) return QueueAnswer::kFull;
    if (OutputBusy(document.output)) return QueueAnswer::kConflict;
    job->document = document;
    JobRecord& r = job->record;
    r.id = NewId();
    r.seq = next_seq_++;
    r.command = std::string(NameOf(document.command));
    r.document = JobToText(document);
    r.output = document.output;
    r.created = UnixNow();
    jobs_[r.id] = job;
    queue_.push_back(job);
    job->events->Append("state", {{"state", "queued"}});
    snapshot = r;
    id = r.id;
  }
  Store(snapshot);
  wake_.notify_one();
  return QueueAnswer::kOk;
}

QueueAnswer JobQueue::Cancel(const std::string& id) {
  std::shared_ptr<Job> job;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return QueueAnswer::kNotFound;
    job = it->second;
    if (IsFinished(job->record.state)) return QueueAnswer::kConflict;
    job->cancel.Cancel();
    if (job->record.state == JobState::kRunning) return QueueAnswer::kOk;  // the worker ends it
    std::erase(queue_, job);
  }
  Finish(job, JobState::kCancelled, nullptr, "");
  return QueueAnswer::kOk;
}

QueueAnswer JobQueue::Resume(const std::string& id) {
  JobRecord snapshot;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    const auto it = jobs_.find(id);
    if (it == jobs_.end()) return QueueAnswer::kNotFound;
    const std::shared_ptr<Job> job = it->second;
    JobRecord& r = job->record;
    if (r.state != JobState::kFailed && r.state != JobState::kCancelled) return QueueAnswer::kConflict;
    if (queue_.size() >= capacity_) return QueueAnswer::kFull;
    if (OutputBusy(r.output)) return QueueAnswer::kConflict;
    job->document = ParseJobDocument(r.document, r.id);
    if (GroupsOf(job->document.command).dataset) {
      job->document.dataset.resume = true;
      job->document.dataset.overwrite = false;
    }
    job->cancel = CancelToken();
    r.state = JobState::kQueued;
    r.error.clear();
    r.result = nullptr;
    r.started = r.finished = 0;
    job->events->Reopen();
    job->events->Append("state", {{"state", "queued"}, {"resume", true}});
    queue_.push_back(job);
    snapshot = r;
  }
  Store(snapshot);
  wake_.notify_one();
  return QueueAnswer::kOk;
}

void JobQueue::Work() {
  for (;;) {
    std::shared_ptr<Job> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      job = queue_.front();
      queue_.pop_front();
      job->record.state = JobState::kRunning;
      job->record.started = UnixNow();
    }
    RunOne(job);
  }
}

void JobQueue::RunOne(const std::shared_ptr<Job>& job) {
  JobRecord snapshot;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    snapshot = job->record;
  }
  Store(snapshot);
  job->events->Append("state", {{"state", "running"}});
  ProgressEvents observer(*job->events, [this, job](std::int64_t done, std::int64_t total) {
    const std::lock_guard<std::mutex> lock(mutex_);
    job->record.done = done;
    job->record.total = total;
  });
  try {
    const JobOutcome outcome = runner_(job->document, observer, job->cancel);
    const std::int64_t failed = outcome.failed();
    const JobState state = outcome.interrupted() ? JobState::kCancelled : failed > 0 ? JobState::kFailed : JobState::kDone;
    const std::string error = state == JobState::kFailed ? std::to_string(failed) + " input(s) failed" : "";
    Finish(job, state, JobOutcomeJson(job->document, outcome), error);
  } catch (const std::exception& e) {
    Finish(job, job->cancel.cancelled() ? JobState::kCancelled : JobState::kFailed, nullptr, e.what());
  }
}

void JobQueue::Finish(const std::shared_ptr<Job>& job, JobState state, Json result, const std::string& error) {
  JobRecord snapshot;
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    JobRecord& r = job->record;
    r.state = state;
    r.result = std::move(result);
    r.error = error;
    r.finished = UnixNow();
    snapshot = r;
  }
  Store(snapshot);
  job->events->Append("end", EndEvent(snapshot));
  job->events->Close();
}

std::optional<JobRecord> JobQueue::Get(const std::string& id) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second->record;
}

std::vector<JobRecord> JobQueue::List() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  std::vector<JobRecord> list;
  for (const auto& [id, job] : jobs_) list.push_back(job->record);
  std::sort(list.begin(), list.end(), [](const JobRecord& a, const JobRecord& b) { return a.seq < b.seq; });
  return list;
}

std::shared_ptr<EventLog> JobQueue::Events(const std::string& id) const {
  const std::lock_guard<std::mutex> lock(mutex_);
  const auto it = jobs_.find(id);
  return it == jobs_.end() ? nullptr : it->second->events;
}

void JobQueue::Shutdown() {
  {
    const std::lock_guard<std::mutex> lock(mutex_);
    if (stopping_ && workers_.empty()) return;
    stopping_ = true;
    for (const auto& [id, job] : jobs_) {
      if (job->record.state == JobState::kRunning) job->cancel.Cancel();
    }
  }
  wake_.notify_all();
  for (std::thread& t : workers_) t.join();
  workers_.clear();
}

}  // namespace prep360::serve
