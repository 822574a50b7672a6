#pragma once
// The job list on disk: one SQLite database, STATE_DIR/jobs.sqlite3, written on every state
// change, so a restarted service lists the jobs of earlier runs.
#include <mutex>
#include <string>
#include <vector>

#include "prep360/serve/job_record.h"

struct sqlite3;

namespace prep360::serve {

class JobStore {
 public:
  // Creates the folder and the table as needed. Throws Error "FILE: problem".
  explicit JobStore(const std::string& state_dir);
  ~JobStore();
  JobStore(const JobStore&) = delete;
  JobStore& operator=(const JobStore&) = delete;

  // Inserts or replaces the record with this id. Throws Error.
  void Save(const JobRecord& record);
  // Every record, in submission order.
  std::vector<JobRecord> LoadAll();

 private:
  void Exec(const char* sql);

  std::string path_;
  std::mutex mutex_;
  sqlite3* db_ = nullptr;
};

}  // namespace prep360::serve
