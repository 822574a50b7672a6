// The service's job API over loopback: submit -> SSE -> done with the counts of the split; files
// and Range requests; cancel mid-job (whole files, state cancelled); the bounded queue (429), the
// conflicts (409); two jobs at once write the bytes sequential runs write; the job list survives
// a restart and an interrupted job resumes.
#include <gtest/gtest.h>

#include "prep360/image/image_io.h"
#include "prep360/job/job_options.h"
#include "prep360/job/run_job.h"
#include "prep360/serve/service_test_util.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/util/atomic_file.h"

namespace prep360::serve {
namespace {
namespace fs = std::filesystem;
using namespace test;

constexpr int kViews = 11;  // default11

std::vector<std::string> Types(const std::vector<SseEvent>& events) {
  std::vector<std::string> types;
  for (const SseEvent& e : events) types.push_back(e.type);
  return types;
}

Json GetJob(httplib::Client& c, const std::string& id) {
  const auto res = c.Get(("/v1/jobs/" + id).c_str());
  EXPECT_TRUE(res && res->status == 200);
  return res ? Json::parse(res->body) : Json();
}

TEST(ServiceJobsTest, ASplitJobRunsStreamsItsEventsAndServesItsFiles) {
  Harness h;
  testkit::WritePanoramas(h.root() / "in", 3, 128);
  auto c = h.Client();
  int status = 0;
  const std::string id = Submit(*c, TinySplit(h.root() / "in", h.root() / "out"), &status);
  ASSERT_EQ(status, 202);
  const std::vector<SseEvent> events = ReadEvents(*c, id);
  ASSERT_GE(events.size(), 8u);
  EXPECT_EQ(events.front().type, "state");
  EXPECT_EQ(events.front().data["state"], "queued");
  EXPECT_EQ(events[1].data["state"], "running");
  EXPECT_EQ(events[2].type, "start");
  EXPECT_EQ(events[2].data["total"], 3);
  std::vector<std::int64_t> done;
  for (const SseEvent& e : events) {
    if (e.type == "progress") done.push_back(e.data["done"].get<std::int64_t>());
  }
  EXPECT_EQ(done, (std::vector<std::int64_t>{1, 2, 3}));
  for (std::size_t i = 0; i < events.size(); ++i) EXPECT_EQ(events[i].id, static_cast<std::int64_t>(i));
  EXPECT_EQ(events[events.size() - 2].type, "timing");
  EXPECT_TRUE(events[events.size() - 2].data["stages"].contains("reproject"));
  EXPECT_EQ(events.back().type, "end");
  EXPECT_EQ(events.back().data["state"], "done");
  // A late subscriber replays the same stream from the start.
  EXPECT_EQ(Types(ReadEvents(*c, id)), Types(events));

  const Json job = GetJob(*c, id);
  EXPECT_EQ(job["state"], "done");
  EXPECT_EQ(job["command"], "split");
  EXPECT_EQ(job["counts"]["frames_done"], 3);
  EXPECT_EQ(job["counts"]["views_written"], 3 * kViews);
  EXPECT_EQ(job["errors"].size(), 0u);
  EXPECT_EQ(job["output"], fs::canonical(h.root() / "out").string());
  EXPECT_TRUE(job["timing"].is_object());

  const auto list = c->Get(("/v1/jobs/" + id + "/files").c_str());
  ASSERT_TRUE(list && list->status == 200);
  const Json files = Json::parse(list->body)["files"];
  std::set<std::string> listed;
  for (const Json& f : files) listed.insert(f.get<std::string>());
  EXPECT_EQ(listed, FilesUnder(h.root() / "out"));
  EXPECT_TRUE(listed.count("images/cam00/pano_1.jpg"));
  EXPECT_TRUE(listed.count("report.json"));

  const std::vector<std::uint8_t> bytes = ReadFileBytes((h.root() / "out/images/cam00/pano_1.jpg").string());
  const auto file = c->Get(("/v1/jobs/" + id + "/files/images/cam00/pano_1.jpg").c_str());
  ASSERT_TRUE(file && file->status == 200);
  EXPECT_EQ(file->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(file->body, std::string(bytes.begin(), bytes.end()));
  const auto part = c->Get(("/v1/jobs/" + id + "/files/images/cam00/pano_1.jpg").c_str(), {{"Range", "bytes=2-11"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, std::string(bytes.begin() + 2, bytes.begin() + 12));
  const auto report = c->Get(("/v1/jobs/" + id + "/files/report.json").c_str());
  ASSERT_TRUE(report && report->status == 200);
  EXPECT_EQ(report->get_header_value("Content-Type"), "application/json");

  const auto jobs = c->Get("/v1/jobs");
  ASSERT_TRUE(jobs && jobs->status == 200);
  ASSERT_EQ(Json::parse(jobs->body)["jobs"].size(), 1u);
  EXPECT_EQ(Json::parse(jobs->body)["jobs"][0]["id"], id);
}

TEST(ServiceJobsTest, CancelMidJobLeavesWholeFilesAndEndsCancelled) {
  std::atomic<bool> reached{false};
  Harness h([&](ServeOptions& o) {
    o.runner = [&](const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
      HookObserver hook(observer, [&](std::int64_t done) {
        if (done != 1 || reached) return;
        reached = true;  // hold the job after its first frame until it is cancelled
        WaitFor([&] { return cancel.cancelled(); });
      });
      return RunJob(job, hook, cancel);
    };
  });
  testkit::WritePanoramas(h.root() / "in", 8, 128);
  auto c = h.Client();
  const std::string id = Submit(*c, TinySplit(h.root() / "in", h.root() / "out"));
  ASSERT_FALSE(id.empty());
  ASSERT_TRUE(WaitFor([&] { return reached.load(); }));
  EXPECT_EQ(GetJob(*c, id)["state"], "running");
  const auto del = c->Delete(("/v1/jobs/" + id).c_str());
  ASSERT_TRUE(del && del->status == 200);
  const std::vector<SseEvent> events = ReadEvents(*c, id);
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data["state"], "cancelled");
  const Json job = GetJob(*c, id);
  EXPECT_EQ(job["state"], "cancelled");
  const std::int64_t frames = job["counts"]["frames_done"].get<std::int64_t>();
  EXPECT_GE(frames, 1);
  EXPECT_LT(frames, 8);
  const std::set<std::string> views = FilesUnder(h.root() / "out/images");
  EXPECT_EQ(static_cast<std::int64_t>(views.size()), job["counts"]["views_written"].get<std::int64_t>());
  EXPECT_EQ(static_cast<std::int64_t>(views.size()) % kViews, 0);
  for (const std::string& f : FilesUnder(h.root() / "out")) EXPECT_FALSE(IsTempFileName(fs::path(f).filename().string())) << f;
  for (const std::string& f : views) EXPECT_EQ(ReadImage((h.root() / "out/images" / f).string()).width(), 32) << f;
  // A cancelled job can be resumed: it finishes the rest.
  const auto resume = c->Post(("/v1/jobs/" + id + "/resume").c_str(), "", "application/json");
  ASSERT_TRUE(resume && resume->status == 202);
  ReadEvents(*c, id);
  EXPECT_EQ(GetJob(*c, id)["state"], "done");
  EXPECT_EQ(FilesUnder(h.root() / "out/images").size(), static_cast<std::size_t>(8 * kViews));
}

TEST(ServiceJobsTest, TheQueueIsBoundedAndConflictsAre409) {
  std::atomic<bool> release{false};
  std::atomic<int> started{0};
  Harness h([&](ServeOptions& o) {
    o.queue = 1;
    o.runner = [&](const JobDocument&, JobObserver&, const CancelToken& cancel) {
      ++started;
      WaitFor([&] { return release.load() || cancel.cancelled(); });
      return JobOutcome{};
    };
  });
  fs::create_directories(h.root() / "in");
  auto c = h.Client();
  const std::string a = Submit(*c, TinySplit(h.root() / "in", h.root() / "a"));
  ASSERT_FALSE(a.empty());
  ASSERT_TRUE(WaitFor([&] { return started == 1; }));
  int status = 0;
  Submit(*c, TinySplit(h.root() / "in", h.root() / "a"), &status);
  EXPECT_EQ(status, 409) << "a second job into a running job's output";
  const std::string b = Submit(*c, TinySplit(h.root() / "in", h.root() / "b"));
  ASSERT_FALSE(b.empty());
  EXPECT_EQ(GetJob(*c, b)["state"], "queued");
  const auto full = c->Post("/v1/jobs", JobToText(TinySplit(h.root() / "in", h.root() / "c")), "application/json");
  ASSERT_TRUE(full);
  EXPECT_EQ(full->status, 429);
  EXPECT_TRUE(Json::parse(full->body).contains("error"));
  // Cancelling the queued job frees its place at once.
  ASSERT_EQ(c->Delete(("/v1/jobs/" + b).c_str())->status, 200);
  EXPECT_EQ(GetJob(*c, b)["state"], "cancelled");
  const std::string d = Submit(*c, TinySplit(h.root() / "in", h.root() / "c"));
  EXPECT_FALSE(d.empty());
  release = true;
  ReadEvents(*c, a);
  ReadEvents(*c, d);
  EXPECT_EQ(GetJob(*c, a)["state"], "done");
  EXPECT_EQ(c->Delete(("/v1/jobs/" + a).c_str())->status, 409) << "cancel a finished job";
  EXPECT_EQ(c->Post(("/v1/jobs/" + a + "/resume").c_str(), "", "application/json")->status, 409);
  EXPECT_EQ(c->Delete("/v1/jobs/0123456789abcdef")->status, 404);
  EXPECT_EQ(c->Post("/v1/jobs/0123456789abcdef/resume", "", "application/json")->status, 404);
  EXPECT_EQ(c->Get("/v1/jobs/0123456789abcdef")->status, 404);
  EXPECT_EQ(c->Get("/v1/jobs/0123456789abcdef/events")->status, 404);
  EXPECT_EQ(c->Get("/v1/jobs/0123456789abcdef/files")->status, 404);
}

TEST(ServiceJobsTest, TwoJobsAtOnceWriteTheBytesOfSequentialRuns) {
  std::atomic<int> arrived{0};
  Harness h([&](ServeOptions& o) {
    o.workers = 2;
    o.runner = [&](const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
      ++arrived;
      WaitFor([&] { return arrived == 2; });  // both run together
      return RunJob(job, observer, cancel);
    };
  });
  testkit::WritePanoramas(h.root() / "in_a", 4, 128);
  testkit::WritePanoramas(h.root() / "in_b", 3, 160, ImageFormat::kPng, "b_");
  auto c = h.Client();
  const std::string a = Submit(*c, TinySplit(h.root() / "in_a", h.root() / "out_a"));
  const std::string b = Submit(*c, TinySplit(h.root() / "in_b", h.root() / "out_b"));
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  ReadEvents(*c, a);
  ReadEvents(*c, b);
  EXPECT_EQ(GetJob(*c, a)["state"], "done");
  EXPECT_EQ(GetJob(*c, b)["state"], "done");
  JobObserver quiet;
  ASSERT_TRUE(RunSplitJob(TinySplit(h.root() / "in_a", h.dir() / "ref_a"), quiet, CancelToken()).ok());
  ASSERT_TRUE(RunSplitJob(TinySplit(h.root() / "in_b", h.dir() / "ref_b"), quiet, CancelToken()).ok());
  for (const char* name : {"a", "b"}) {
    const fs::path out = h.root() / (std::string("out_") + name) / "images";
    const fs::path ref = h.dir() / (std::string("ref_") + name) / "images";
    const std::set<std::string> files = FilesUnder(ref);
    ASSERT_EQ(FilesUnder(out), files);
    ASSERT_FALSE(files.empty());
    for (const std::string& f : files)
      EXPECT_EQ(ReadFileBytes((out / f).string()), ReadFileBytes((ref / f).string())) << name << " " << f;
  }
}

TEST(ServiceJobsTest, TheJobListSurvivesARestartAndInterruptedJobsResume) {
  testkit::TempDir state;
  Harness h([&](ServeOptions& o) { o.state_dir = state.path().string(); });
  testkit::WritePanoramas(h.root() / "in", 2, 128);
  auto c = h.Client();
  const std::string done_id = Submit(*c, TinySplit(h.root() / "in", h.root() / "out"));
  ReadEvents(*c, done_id);
  {
    // A job the store says was running when the service died.
    JobStore store(state.path().string());
    JobRecord running;
    running.id = "00000000000000ab";
    running.seq = 100;
    running.state = JobState::kRunning;
    running.command = "split";
    const fs::path root = fs::canonical(h.root());
    running.document = JobToText(TinySplit(root / "in", root / "out2"));
    running.output = (root / "out2").string();
    running.created = running.started = UnixNow();
    store.Save(running);
  }
  h.Restart();
  c = h.Client();
  const auto list = c->Get("/v1/jobs");
  ASSERT_TRUE(list && list->status == 200);
  const Json jobs = Json::parse(list->body)["jobs"];
  ASSERT_EQ(jobs.size(), 2u);
  EXPECT_EQ(jobs[0]["id"], done_id);
  EXPECT_EQ(jobs[0]["state"], "done");
  EXPECT_EQ(jobs[0]["counts"]["views_written"], 2 * kViews);
  EXPECT_EQ(jobs[1]["id"], "00000000000000ab");
  EXPECT_EQ(jobs[1]["state"], "failed");
  EXPECT_EQ(jobs[1]["error"], "interrupted");
  const std::vector<SseEvent> events = ReadEvents(*c, "00000000000000ab");
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back().data["state"], "failed");
  const auto resume = c->Post("/v1/jobs/00000000000000ab/resume", "", "application/json");
  ASSERT_TRUE(resume && resume->status == 202);
  ReadEvents(*c, "00000000000000ab");
  EXPECT_EQ(GetJob(*c, "00000000000000ab")["state"], "done");
  EXPECT_EQ(FilesUnder(h.root() / "out2/images").size(), static_cast<std::size_t>(2 * kViews));
  h.Restart();  // the resumed job is stored done
  c = h.Client();
  EXPECT_EQ(GetJob(*c, "00000000000000ab")["state"], "done");
}

}  // namespace
}  // namespace prep360::serve
