// JobObserver: what a front end is told while a job runs. OnStart once with the label and the
// expected count, OnProgress 1..N in order, one OnWarning per bad input naming the file (just
// before that input's progress), OnFinish once, last, with stage items that match the counts.
#include "prep360/pipeline/job_observer.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

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
using Event = RecordingObserver::Event;

// A JPEG whose header is whole but whose data stops a quarter of the way in.
void WriteTruncatedJpeg(const fs::path& from, const fs::path& to) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(from.string());
  std::ofstream(to, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size() / 4));
}

void ExpectProgressOneToN(const RecordingObserver& observer, std::int64_t n) {
  const auto progress = observer.Of(Event::kProgress);
  ASSERT_EQ(static_cast<std::int64_t>(progress.size()), n);
  for (std::int64_t k = 0; k < n; ++k) EXPECT_EQ(progress[static_cast<std::size_t>(k)]->value, k + 1);
}

TEST(JobObserverTest, SplitTellsStartProgressOneWarningPerBadInputAndFinish) {
  TempDir dir;
  const fs::path in = dir.path() / "in";
  const std::vector<std::string> good = testkit::WritePanoramas(in, 5, 256);
  // Natural order: pano_1, pano_2, pano_2b (bad), pano_3, pano_4, pano_5; and a text file
  // posing as a JPEG last.
  WriteTruncatedJpeg(good[0], in / "pano_2b.jpg");
  std::ofstream(in / "pano_9.jpg") << "not a jpeg";

  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {in.string()};
  job.output = (dir.path() / "out").string();
  job.rig.name = "ring:4";
  job.rig.width = 32;
  job.rig.height = 32;
  job.runtime.threads = 2;
  job.Check();
  RecordingObserver observer;
  const SplitResult r = RunSplitJob(job, observer, CancelToken());

  ASSERT_FALSE(observer.events.empty());
  const Event& first = observer.events.front();
  EXPECT_EQ(first.kind, Event::kStart);
  EXPECT_EQ(first.text, "split");
  EXPECT_EQ(first.value, 7);
  EXPECT_EQ(observer.Of(Event::kStart).size(), 1u);
  ExpectProgressOneToN(observer, 7);
  EXPECT_EQ(observer.events.back().kind, Event::kFinish);
  EXPECT_EQ(observer.Of(Event::kFinish).size(), 1u);

  const std::vector<std::string> warnings = observer.Warnings();
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_NE(warnings[0].find((in / "pano_2b.jpg").string() + ": "), std::string::npos) << warnings[0];
  EXPECT_NE(warnings[1].find((in / "pano_9.jpg").string() + ": "), std::string::npos) << warnings[1];
  for (const std::string& w : warnings) EXPECT_EQ(w.find('\n'), std::string::npos) << w;
  // Each warning comes just before the progress of its own input (3rd and 7th).
  for (std::size_t i = 1; i < observer.events.size(); ++i) {
    if (observer.events[i - 1].kind != Event::kWarning) continue;
    ASSERT_EQ(observer.events[i].kind, Event::kProgress);
    EXPECT_TRUE(observer.events[i].value == 3 || observer.events[i].value == 7) << observer.events[i].value;
  }

  ASSERT_EQ(r.counts.failures.size(), 2u);
  EXPECT_EQ(r.counts.frames_done, 5);
  EXPECT_EQ(r.counts.views_written, 5 * 4);
  // Stage items: one reprojection and one write per view written, one decode per good input.
  EXPECT_EQ(observer.Items(Stage::kReproject), r.counts.views_written);
  EXPECT_EQ(observer.Items(Stage::kWrite), r.counts.views_written);
  EXPECT_EQ(observer.Items(Stage::kEncode), r.counts.views_written);
  EXPECT_EQ(r.timing.stage_items[static_cast<std::size_t>(Stage::kReproject)], r.counts.views_written);
}

TEST(JobObserverTest, MaskTellsStartProgressToTheTotalAndOneWarningPerBadImage) {
  TempDir dir;
  const fs::path images = dir.path() / "images";
  fs::create_directories(images / "v0");
  Image black(640, 640, 3, 1);
  black.Fill(0);
  for (int k = 1; k <= 5; ++k) {
    WriteFileAtomic((images / "v0" / fmt::format("f{}.png", k)).string(),
                    EncodeImage(black, ImageFormat::kPng, EncodeOptions{}));
  }
  std::ofstream(images / "v0/f3b.jpg") << "not a jpeg";
  JobDocument job = JobDocument::For(JobCommand::kMask);
  job.inputs = {images.string()};
  job.output = (dir.path() / "masks").string();
  job.detect.model = prep360::testkit::TestModelPath("seg_fixed.onnx");
  job.detect.device = Device::kCpu;
  job.detect.batch = 2;  // seg_fixed.onnx takes one image a call: progress after each image
  job.runtime.threads = 2;
  job.Check();
  RecordingObserver observer;
  const MaskJobResult r = RunMaskJob(job, observer, CancelToken());
  EXPECT_EQ(r.images, 6);
  EXPECT_EQ(r.written, 5);
  EXPECT_EQ(r.failed, 1);

  ASSERT_FALSE(observer.events.empty());
  EXPECT_EQ(observer.events.front().kind, Event::kStart);
  EXPECT_EQ(observer.events.front().text, "mask");
  EXPECT_EQ(observer.events.front().value, 6);
  EXPECT_EQ(observer.Of(Event::kStart).size(), 1u);
  const auto progress = observer.Of(Event::kProgress);
  ASSERT_EQ(progress.size(), 6u);
  for (std::size_t i = 0; i < progress.size(); ++i) EXPECT_EQ(progress[i]->value, static_cast<std::int64_t>(i + 1));
  EXPECT_EQ(observer.events.back().kind, Event::kFinish);
  EXPECT_EQ(observer.Of(Event::kFinish).size(), 1u);
  const std::vector<std::string> warnings = observer.Warnings();
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0].rfind((images / "v0/f3b.jpg").string() + ": ", 0), 0u) << warnings[0];
}

}  // namespace
}  // namespace prep360
