// Jobs are re-entrant: two jobs with different settings running at the same time in one process
// (each on its own std::thread, each with its own task arena) write exactly the bytes they write
// when run one after the other. Each job is held at its first progress report until the other
// has reached its own, so the two really overlap.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <utility>

#include "prep360/image/image_io.h"
#include "prep360/job/job_options.h"
#include "prep360/testing/panorama_files.h"
#include "prep360/testing/recording_observer.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"
#include "prep360/testing/test_models.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RecordingObserver;
using testkit::TempDir;

const std::string kModel = prep360::testkit::TestModelPath("seg_fixed.onnx");

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file under `dir` (relative path -> bytes). report.json (timings) is left out and
// job.json is compared without its output folder, which differs by design.
std::map<std::string, std::string> Tree(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().filename() == "report.json") continue;
    const std::string rel = fs::relative(e.path(), dir).generic_string();
    std::string bytes = ReadText(e.path());
    if (rel == "job.json") {
      auto job = nlohmann::ordered_json::parse(bytes);
      job.erase("output");
      bytes = job.dump();
    }
    files[rel] = std::move(bytes);
  }
  return files;
}

void ExpectSameTree(const fs::path& expected_dir, const fs::path& actual_dir) {
  const auto expected = Tree(expected_dir);
  const auto actual = Tree(actual_dir);
  ASSERT_EQ(expected.size(), actual.size()) << expected_dir << " vs " << actual_dir;
  for (const auto& [name, bytes] : expected) {
    const auto it = actual.find(name);
    ASSERT_NE(it, actual.end()) << name << " missing from " << actual_dir;
    EXPECT_TRUE(it->second == bytes) << name << " differs";
  }
}

// Two parties: each Arrive() returns once both have arrived (true), or after a minute when the
// other never comes (false: a job failed before its first frame; the test then fails, not hangs).
class Meeting {
 public:
  bool Arrive() {
    std::unique_lock lock(mutex_);
    ++arrived_;
    cv_.notify_all();
    return cv_.wait_for(lock, std::chrono::minutes(1), [&] { return arrived_ >= 2; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  int arrived_ = 0;
};

// Runs a(observer) and b(observer) on two threads at once, each held at its first progress
// report until the other got there. Returns whether they met.
template <class A, class B>
bool RunTogether(A&& a, B&& b) {
  Meeting meeting;
  bool arrived_a = false, arrived_b = false, met_a = false, met_b = false;
  RecordingObserver obs_a, obs_b;
  obs_a.on_progress = [&](std::int64_t) {
    if (!std::exchange(arrived_a, true)) met_a = meeting.Arrive();
  };
  obs_b.on_progress = [&](std::int64_t) {
    if (!std::exchange(arrived_b, true)) met_b = meeting.Arrive();
  };
  std::thread ta([&] { a(obs_a); });
  std::thread tb([&] { b(obs_b); });
  ta.join();
  tb.join();
  return met_a && met_b;
}

JobDocument RingPngOneThread(const fs::path& in, const fs::path& out) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {in.string()};
  job.output = out.string();
  job.rig.name = "ring:4";
  job.rig.width = 64;
  job.rig.height = 48;
  job.encode.format = ImageFormat::kPng;
  job.runtime.threads = 1;
  job.Check();
  return job;
}

JobDocument Cube6JpegTwoThreads(const fs::path& in, const fs::path& out) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {in.string()};
  job.output = out.string();
  job.rig.name = "cube6";
  job.rig.width = 48;
  job.rig.height = 48;
  job.rig.interpolation = Interpolation::kBicubic;
  job.encode.codec.jpeg_quality = 80;
  job.mask.nadir = 30;        // object masks without a model
  job.mask.ownership = true;  // and SfM masks
  job.runtime.threads = 2;
  job.runtime.frames_in_flight = 2;
  job.Check();
  return job;
}

TEST(JobReentrancyTest, TwoSplitJobsAtOnceWriteTheBytesTheyWriteAlone) {
  TempDir dir;
  testkit::WritePanoramas(dir.path() / "in", 8, 256);
  const fs::path in = dir.path() / "in";
  const JobDocument alone_a = RingPngOneThread(in, dir.path() / "alone_a");
  const JobDocument alone_b = Cube6JpegTwoThreads(in, dir.path() / "alone_b");
  RecordingObserver quiet;
  const SplitResult ra = RunSplitJob(alone_a, quiet, CancelToken());
  const SplitResult rb = RunSplitJob(alone_b, quiet, CancelToken());
  ASSERT_TRUE(ra.ok());
  ASSERT_TRUE(rb.ok());
  EXPECT_EQ(ra.counts.views_written, 8 * 4);
  EXPECT_EQ(rb.counts.views_written, 8 * 6);
  EXPECT_EQ(rb.counts.masks_written, 8 * 6);
  EXPECT_EQ(rb.counts.sfm_masks_written, 8 * 6);

  const JobDocument together_a = RingPngOneThread(in, dir.path() / "together_a");
  const JobDocument together_b = Cube6JpegTwoThreads(in, dir.path() / "together_b");
  SplitResult ta, tb;
  const bool met = RunTogether([&](JobObserver& o) { ta = RunSplitJob(together_a, o, CancelToken()); },
                               [&](JobObserver& o) { tb = RunSplitJob(together_b, o, CancelToken()); });
  EXPECT_TRUE(met) << "the jobs did not overlap";
  ASSERT_TRUE(ta.ok());
  ASSERT_TRUE(tb.ok());
  EXPECT_EQ(ta.counts.views_written, ra.counts.views_written);
  EXPECT_EQ(tb.counts.views_written, rb.counts.views_written);
  EXPECT_EQ(ta.timing.threads, 1);
  EXPECT_EQ(tb.timing.threads, 2);
  ExpectSameTree(dir.path() / "alone_a", dir.path() / "together_a");
  ExpectSameTree(dir.path() / "alone_b", dir.path() / "together_b");
}

// 640x640 black with a red (class 0 = person) 32x32 square at (x, y): seg_fixed.onnx masks it.
void WriteSquare(const fs::path& path, int x, int y) {
  Image image(640, 640, 3, 1);
  image.Fill(0);
  for (int yy = y; yy < y + 32; ++yy) {
    for (int xx = x; xx < x + 32; ++xx) image.Set(xx, yy, 0, 255);
  }
  fs::create_directories(path.parent_path());
  WriteFileAtomic(path.string(), EncodeImage(image, ImageFormat::kPng, EncodeOptions{}));
}

JobDocument MaskJob(const fs::path& images, const fs::path& out, MaskStyle style, int dilate, int threads,
                    int batch) {
  JobDocument job = JobDocument::For(JobCommand::kMask);
  job.inputs = {images.string()};
  job.output = out.string();
  job.detect.model = kModel;
  job.detect.device = Device::kCpu;
  job.detect.batch = batch;
  job.mask.style = style;
  job.mask.dilate = dilate;
  job.runtime.threads = threads;
  job.Check();
  return job;
}

TEST(JobReentrancyTest, TwoMaskJobsAtOnceWriteTheBytesTheyWriteAlone) {
  TempDir dir;
  const fs::path images = dir.path() / "images";
  for (int k = 0; k < 6; ++k)
    WriteSquare(images / fmt::format("v{}/f{}.png", k % 2, k), 32 * (k + 1), 32 * (2 * k + 1));
  auto job_a = [&](const std::string& out) {
    return MaskJob(images, dir.path() / out, MaskStyle::kColmap, 0, 1, 1);
  };
  auto job_b = [&](const std::string& out) {
    return MaskJob(images, dir.path() / out, MaskStyle::kMetashape, 3, 2, 2);
  };
  RecordingObserver quiet;
  const MaskJobResult ra = RunMaskJob(job_a("alone_a"), quiet, CancelToken());
  const MaskJobResult rb = RunMaskJob(job_b("alone_b"), quiet, CancelToken());
  ASSERT_EQ(ra.written, 6);
  ASSERT_EQ(rb.written, 6);
  // The masks are the known ones: the square (grown by 3 for b) is ignored, the rest kept.
  const Image a0 = ReadImage((dir.path() / "alone_a/v0/f0.png.png").string());
  EXPECT_EQ(a0.At(40, 40, 0), 0u);
  EXPECT_EQ(a0.At(30, 40, 0), 255u);
  const Image b0 = ReadImage((dir.path() / "alone_b/v0/f0_mask.png").string());
  EXPECT_EQ(b0.At(30, 40, 0), 0u);
  EXPECT_EQ(b0.At(27, 40, 0), 255u);

  const JobDocument together_a = job_a("together_a");
  const JobDocument together_b = job_b("together_b");
  MaskJobResult ta, tb;
  const bool met = RunTogether([&](JobObserver& o) { ta = RunMaskJob(together_a, o, CancelToken()); },
                               [&](JobObserver& o) { tb = RunMaskJob(together_b, o, CancelToken()); });
  EXPECT_TRUE(met) << "the jobs did not overlap";
  EXPECT_EQ(ta.written, 6);
  EXPECT_EQ(tb.written, 6);
  EXPECT_EQ(ta.failed + tb.failed, 0);
  ExpectSameTree(dir.path() / "alone_a", dir.path() / "together_a");
  ExpectSameTree(dir.path() / "alone_b", dir.path() / "together_b");
}

}  // namespace
}  // namespace prep360
