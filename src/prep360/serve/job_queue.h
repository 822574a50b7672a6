#pragma once
// The service's jobs: a bounded queue of checked job documents run by N worker threads, each job
// with its cancel token and event log. Jobs outlive the request that started them. With a store,
// every state change is written to it, and the jobs of an earlier run are listed again; those
// that were queued or running when it stopped are marked failed ("interrupted") and can be
// resumed.
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "prep360/job/run_job.h"
#include "prep360/serve/event_log.h"
#include "prep360/serve/job_record.h"
#include "prep360/serve/job_store.h"

namespace prep360::serve {

// Runs one job (the service passes RunJob with its warm models).
using JobRunner = std::function<JobOutcome(const JobDocument&, JobObserver&, const CancelToken&)>;

enum class QueueAnswer { kOk, kNotFound, kConflict, kFull };

class JobQueue {
 public:
  // workers >= 1; capacity: jobs that may wait (queued) at once. store: may be null.
  JobQueue(int workers, std::size_t capacity, JobStore* store, JobRunner runner);
  ~JobQueue();  // Shutdown()
  JobQueue(const JobQueue&) = delete;
  JobQueue& operator=(const JobQueue&) = delete;

  // Queues a checked document. kFull when the queue is full, kConflict when a queued or running
  // job writes to the same output folder; `id` is set on kOk.
  QueueAnswer Submit(const JobDocument& job, std::string& id);
  // A queued job ends cancelled now; a running one stops as Ctrl-C stops it (whole files only)
  // and ends cancelled. kConflict for a finished job.
  QueueAnswer Cancel(const std::string& id);
  // Queues a failed or cancelled job again with dataset.resume set (kConflict otherwise).
  QueueAnswer Resume(const std::string& id);

  std::optional<JobRecord> Get(const std::string& id) const;
  std::vector<JobRecord> List() const;
  std::shared_ptr<EventLog> Events(const std::string& id) const;

  // Cancels the running jobs, waits for the workers. Queued jobs stay queued in the store.
  void Shutdown();

 private:
  struct Job;
  void Work();
  void RunOne(const std::shared_ptr<Job>& job);
  void Finish(const std::shared_ptr<Job>& job, JobState state, Json result, const std::string& error);
  void Store(const JobRecord& record);
  bool OutputBusy(const std::string& output) const;  // mutex_ held
  void LoadStored();

  std::size_t capacity_;
  JobStore* store_;
  JobRunner runner_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;
  std::deque<std::shared_ptr<Job>> queue_;
  std::int64_t next_seq_ = 1;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace prep360::serve
