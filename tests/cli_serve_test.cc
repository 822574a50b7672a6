// `prep360 serve` as a process: killed with SIGKILL in the middle of a job, then started again on
// the same --state, it lists the job failed (interrupted); resuming it completes the dataset with
// the bytes an uninterrupted run writes.
#include <signal.h>

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "prep360/image/image_io.h"
#include "prep360/job/job_options.h"
#include "prep360/serve/service_test_util.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using serve::test::FilesUnder;
using serve::test::ReadEvents;
using serve::test::WaitFor;

constexpr int kInputs = 10;
constexpr int kViews = 11;

// Starts `prep360 serve` and reads the port it prints.
int StartServer(const testkit::TempDir& dir, const std::string& tag, int* port) {
  const std::string err = dir / ("serve_" + tag + ".err");
  const int pid = testkit::StartCli({"serve", "--root", dir / "root", "--port", "0", "--state", dir / "state"},
                                    dir / ("serve_" + tag + ".out"), err);
  const std::regex listening("listening on http://127\\.0\\.0\\.1:([0-9]+)");
  WaitFor([&] {
    std::ifstream in(err);
    std::stringstream text;
    text << in.rdbuf();
    std::smatch m;
    const std::string s = text.str();
    if (!std::regex_search(s, m, listening)) return false;
    *port = std::stoi(m[1]);
    return true;
  });
  return pid;
}

JobDocument SlowSplit(const fs::path& in, const fs::path& out) {
  JobDocument job = serve::test::TinySplit(in, out);
  job.rig.width = 160;  // enough work per frame that the kill lands mid-job
  job.rig.height = 160;
  job.rig.interpolation = Interpolation::kLanczos3;
  job.encode.format = ImageFormat::kPng;
  job.encode.codec.png_compression = 9;
  job.Check();
  return job;
}

TEST(CliServeTest, KilledMidJobThenRestartedListsItInterruptedAndResumesToTheSameBytes) {
  testkit::TempDir dir;
  testkit::WritePanoramas(dir.path() / "root/in", kInputs, 512);
  const JobDocument job = SlowSplit(fs::canonical(dir.path() / "root/in"), fs::canonical(dir.path() / "root") / "out");
  int port = 0;
  const int pid = StartServer(dir, "1", &port);
  ASSERT_GT(port, 0);
  std::string id;
  {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    const auto res = c.Post("/v1/jobs", JobToText(job), "application/json");
    ASSERT_TRUE(res && res->status == 202);
    id = Json::parse(res->body)["id"];
    std::string text;
    c.Get(("/v1/jobs/" + id + "/events").c_str(), [&](const char* data, std::size_t n) {
      text.append(data, n);
      if (text.find("event: progress") == std::string::npos) return true;
      kill(pid, SIGKILL);  // after the first frame
      return false;
    });
  }
  EXPECT_EQ(testkit::WaitCli(pid), 128 + SIGKILL);
  const std::size_t before = FilesUnder(dir.path() / "root/out/images").size();
  EXPECT_LT(before, static_cast<std::size_t>(kInputs * kViews)) << "the kill landed after the job";

  const int pid2 = StartServer(dir, "2", &port);
  ASSERT_GT(port, 0);
  {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(120, 0);
    const auto got = c.Get(("/v1/jobs/" + id).c_str());
    ASSERT_TRUE(got && got->status == 200);
    const Json j = Json::parse(got->body);
    EXPECT_EQ(j["state"], "failed");
    EXPECT_EQ(j["error"], "interrupted");
    const auto resume = c.Post(("/v1/jobs/" + id + "/resume").c_str(), "", "application/json");
    ASSERT_TRUE(resume && resume->status == 202);
    const auto events = ReadEvents(c, id);
    ASSERT_FALSE(events.empty());
    EXPECT_EQ(events.back().data["state"], "done");
    const Json done = Json::parse(c.Get(("/v1/jobs/" + id).c_str())->body);
    EXPECT_EQ(done["state"], "done");
    EXPECT_EQ(done["counts"]["frames_done"], kInputs);
  }
  kill(pid2, SIGTERM);
  EXPECT_EQ(testkit::WaitCli(pid2), 0);

  JobObserver quiet;
  ASSERT_TRUE(RunSplitJob(SlowSplit(dir.path() / "root/in", dir.path() / "ref"), quiet, CancelToken()).ok());
  const std::set<std::string> files = FilesUnder(dir.path() / "ref/images");
  ASSERT_EQ(files.size(), static_cast<std::size_t>(kInputs * kViews));
  EXPECT_EQ(FilesUnder(dir.path() / "root/out/images"), files);
  for (const std::string& f : files) {
    EXPECT_EQ(ReadFileBytes((dir.path() / "root/out/images" / f).string()),
              ReadFileBytes((dir.path() / "ref/images" / f).string()))
        << f;
  }
  for (const std::string& f : FilesUnder(dir.path() / "root/out"))
    EXPECT_FALSE(IsTempFileName(fs::path(f).filename().string())) << f;
}

TEST(CliServeTest, RefusesANonLoopbackHostWithoutATokenAndBadOptions) {
  testkit::TempDir dir;
  fs::create_directories(dir.path() / "root");
  const testkit::CliResult open = testkit::RunCli({"serve", "--root", dir / "root", "--host", "0.0.0.0"});
  EXPECT_EQ(open.exit_code, 2);
  EXPECT_NE(open.err.find("--token-file"), std::string::npos) << open.err;
  EXPECT_EQ(testkit::RunCli({"serve", "--root", dir / "missing"}).exit_code, 2);
  const testkit::CliResult model = testkit::RunCli({"serve", "--root", dir / "root", "--model", "nameonly"});
  EXPECT_EQ(model.exit_code, 2);
  EXPECT_NE(model.err.find("expected NAME=PATH"), std::string::npos) << model.err;
  const testkit::CliResult bad_model =
      testkit::RunCli({"serve", "--root", dir / "root", "--model", "m=" + (dir / "root/none.onnx")});
  EXPECT_EQ(bad_model.exit_code, 1);
  EXPECT_NE(bad_model.err.find("none.onnx"), std::string::npos) << bad_model.err;
}

}  // namespace
}  // namespace prep360
