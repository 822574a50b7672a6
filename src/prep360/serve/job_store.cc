#include "prep360/serve/job_store.h"

#include <sqlite3.h>

#include <filesystem>

#include "prep360/util/error.h"

namespace prep360::serve {
namespace {

// Finalises a statement when it goes out of scope.
struct Statement {
  sqlite3_stmt* stmt = nullptr;
  ~Statement() { sqlite3_finalize(stmt); }
};

std::string Text(sqlite3_stmt* s, int column) {
  const unsigned char* t = sqlite3_column_text(s, column);
  return t == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(t));
}

}  // namespace

JobStore::JobStore(const std::string& state_dir) {
  std::error_code ec;
  std::filesystem::create_directories(state_dir, ec);
  path_ = (std::filesystem::path(state_dir) / "jobs.sqlite3").string();
  if (sqlite3_open_v2(path_.c_str(), &db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                      nullptr) != SQLITE_OK) {
    const std::string message = db_ != nullptr ? sqlite3_errmsg(db_) : "cannot open";
    sqlite3_close(db_);
    db_ = nullptr;
    throw FileError(path_, "cannot open the job database (" + message + ")");
  }
  sqlite3_busy_timeout(db_, 5000);
  Exec("PRAGMA journal_mode=WAL");
  Exec("PRAGMA synchronous=NORMAL");
  Exec("CREATE TABLE IF NOT EXISTS jobs (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, state TEXT NOT NULL, "
       "command TEXT NOT NULL, document TEXT NOT NULL, output TEXT NOT NULL, result TEXT NOT NULL, "
       "error TEXT NOT NULL, created REAL NOT NULL, started REAL NOT NULL, finished REAL NOT NULL)");
}

JobStore::~JobStore() { sqlite3_close(db_); }

void JobStore::Exec(const char* sql) {
  char* message = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &message) != SQLITE_OK) {
    const std::string text = message != nullptr ? message : "error";
    sqlite3_free(message);
    throw FileError(path_, "job database: " + text);
  }
}

void JobStore::Save(const JobRecord& r) {
  const std::lock_guard<std::mutex> lock(mutex_);
  Statement s;
  const char* sql = "INSERT OR REPLACE INTO jobs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK)
    throw FileError(path_, std::string("job database: ") + sqlite3_errmsg(db_));
  const std::string state(NameOf(r.state));
  const std::string result = r.result.is_null() ? std::string() : r.result.dump();
  sqlite3_bind_text(s.stmt, 1, r.id.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64(s.stmt, 2, r.seq);
  sqlite3_bind_text(s.stmt, 3, state.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 4, r.command.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 5, r.document.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 6, r.output.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 7, result.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text(s.stmt, 8, r.error.c_str(), -1, SQLITE_TRANSIENT);
  sqlite3_bind_double(s.stmt, 9, r.created);
  sqlite3_bind_double(s.stmt, 10, r.started);
  sqlite3_bind_double(s.stmt, 11, r.finished);
  if (sqlite3_step(s.stmt) != SQLITE_DONE) throw FileError(path_, std::string("job database: ") + sqlite3_errmsg(db_));
}

std::vector<JobRecord> JobStore::LoadAll() {
  const std::lock_guard<std::mutex> lock(mutex_);
  Statement s;
  const char* sql = "SELECT id, seq, state, command, document, output, result, error, created, started, finished "
                    "FROM jobs ORDER BY seq";
  if (sqlite3_prepare_v2(db_, sql, -1, &s.stmt, nullptr) != SQLITE_OK)
    throw FileError(path_, std::string("job database: ") + sqlite3_errmsg(db_));
  std::vector<JobRecord> records;
  while (sqlite3_step(s.stmt) == SQLITE_ROW) {
    JobRecord r;
    r.id = Text(s.stmt, 0);
    r.seq = sqlite3_column_int64(s.stmt, 1);
    if (!LookupName(Text(s.stmt, 2), &r.state)) r.state = JobState::kFailed;
    r.command = Text(s.stmt, 3);
    r.document = Text(s.stmt, 4);
    r.output = Text(s.stmt, 5);
    const std::string result = Text(s.stmt, 6);
    r.result = result.empty() ? Json(nullptr) : Json::parse(result, nullptr, false);
    if (r.result.is_discarded()) r.result = nullptr;
    r.error = Text(s.stmt, 7);
    r.created = sqlite3_column_double(s.stmt, 8);
    r.started = sqlite3_column_double(s.stmt, 9);
    r.finished = sqlite3_column_double(s.stmt, 10);
    records.push_back(std::move(r));
  }
  return records;
}

}  // namespace prep360::serve
