// A full disk, for real (a small tmpfs; skipped where mounting is not permitted): the split job
// stops admitting frames after the frames in flight, tells one warning and records one failure
// naming the disk, leaves no temp file, and every file it leaves is whole (the same bytes as a
// run with room to spare).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "prep360/image/image_io.h"
#include "prep360/job/job_options.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/recording_observer.h"
#include "prep360/testing/small_disk.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RecordingObserver;
using testkit::SmallDisk;
using testkit::TempDir;

constexpr int kInputs = 40;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

JobDocument Split(const fs::path& in, const fs::path& out) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {in.string()};
  job.output = out.string();
  job.rig.name = "ring:4";
  job.rig.width = 64;
  job.rig.height = 64;
  job.encode.format = ImageFormat::kPng;
  job.runtime.threads = 2;
  job.Check();
  return job;
}

TEST(SplitJobDiskFullTest, StopsAfterTheFramesInFlightWithOneFailureAndWholeFiles) {
  SmallDisk disk(16 << 20);
  if (!disk.mounted()) GTEST_SKIP() << "no small disk for this test: " << disk.why();
  TempDir dir;
  const fs::path in = dir.path() / "in";
  testkit::WritePanoramas(in, kInputs, 256);
  // With room to spare: the reference, and how much a quarter of the frames takes.
  RecordingObserver quiet;
  const fs::path ref = dir.path() / "ref";
  ASSERT_TRUE(RunSplitJob(Split(in, ref), quiet, CancelToken()).ok());
  const std::uint64_t views = disk.BytesFor(ref / "images");
  const std::uint64_t rig_and_job = disk.BytesFor(ref) - views - disk.BytesFor(ref / "report.json");
  disk.LeaveFree(rig_and_job + 4096 + views / 4);

  const fs::path out = disk.path() / "out";
  RecordingObserver observer;
  const SplitResult r = RunSplitJob(Split(in, out), observer, CancelToken());

  EXPECT_TRUE(r.counts.disk_full);
  EXPECT_FALSE(r.counts.interrupted);
  EXPECT_FALSE(r.ok());
  ASSERT_EQ(r.counts.failures.size(), 1u);
  EXPECT_NE(r.counts.failures[0].message.find("disk full"), std::string::npos)
      << r.counts.failures[0].message;
  EXPECT_NE(r.counts.failures[0].message.find(out.string()), std::string::npos)
      << r.counts.failures[0].message;
  const std::vector<std::string> warnings = observer.Warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_NE(warnings[0].find("disk full"), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[0].find("No space left on device"), std::string::npos) << warnings[0];
  EXPECT_EQ(warnings[0].find('\n'), std::string::npos) << warnings[0];
  // It stopped admitting frames, and says how many were coming.
  EXPECT_EQ(r.counts.frames_total, kInputs);
  const std::int64_t seen = static_cast<std::int64_t>(r.record.frames.size());
  EXPECT_LT(seen, kInputs);
  EXPECT_GE(r.counts.frames_done, 1);
  EXPECT_LT(r.counts.frames_done, kInputs);
  EXPECT_EQ(observer.Of(RecordingObserver::Event::kProgress).back()->value, seen);

  // Only whole files, each the same bytes as the reference's; as many views as counted; every
  // frame reported done has all four.
  std::set<std::string> view_files;
  for (const auto& e : fs::recursive_directory_iterator(out)) {
    if (!e.is_regular_file()) continue;
    const std::string rel = fs::relative(e.path(), out).generic_string();
    EXPECT_FALSE(IsTempFileName(rel)) << rel;
    if (rel.rfind("images/", 0) == 0) {
      view_files.insert(rel);
      EXPECT_EQ(ReadImage(e.path().string()).width(), 64) << rel;
      EXPECT_TRUE(ReadText(e.path()) == ReadText(ref / rel)) << rel << " differs from the reference";
    } else if (rel != "job.json" && rel != "report.json") {
      EXPECT_TRUE(ReadText(e.path()) == ReadText(ref / rel)) << rel << " differs from the reference";
    }
  }
  EXPECT_EQ(static_cast<std::int64_t>(view_files.size()), r.counts.views_written);
  std::int64_t done = 0;
  for (const FrameRecord& frame : r.record.frames) {
    if (!frame.ok) continue;
    ++done;
    for (int v = 0; v < 4; ++v) {
      EXPECT_TRUE(view_files.count("images/cam0" + std::to_string(v) + "/" + frame.name + ".png"))
          << frame.name;
    }
  }
  EXPECT_EQ(done, r.counts.frames_done);
  // job.json was written before the first frame (the dataset stays consistent).
  EXPECT_EQ(nlohmann::json::parse(ReadText(out / "job.json"))["rig"]["name"], "ring:4");
}

}  // namespace
}  // namespace prep360
