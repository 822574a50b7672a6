// CancelToken: a job whose token is cancelled (here from its own observer, after the first frame)
// admits no new frame, finishes the files in progress and stops: interrupted, only whole files
// on disk, and every frame it reports done has all its views. A token cancelled before the start
// writes nothing.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "prep360/image/image_io.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/rig/presets.h"
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

constexpr int kInputs = 12;
constexpr int kViews = 11;  // default11

JobDocument Split(const fs::path& in, const fs::path& out) {
  JobDocument job = JobDocument::For(JobCommand::kSplit);
  job.inputs = {in.string()};
  job.output = out.string();
  job.rig.width = 48;
  job.rig.height = 48;
  job.runtime.threads = 2;
  job.runtime.frames_in_flight = 2;
  job.Check();
  return job;
}

// Regular files under `dir` (relative paths).
std::set<std::string> Files(const fs::path& dir) {
  std::set<std::string> files;
  if (!fs::exists(dir)) return files;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) files.insert(fs::relative(e.path(), dir).generic_string());
  }
  return files;
}

TEST(CancelTokenTest, CopiesShareTheStateAndALinkedFlagCancels) {
  const CancelToken a;
  const CancelToken b = a;
  EXPECT_FALSE(b.cancelled());
  a.Cancel();
  EXPECT_TRUE(b.cancelled());
  std::atomic<bool> flag{false};
  const CancelToken linked = CancelToken::Linked(&flag);
  EXPECT_FALSE(linked.cancelled());
  flag = true;
  EXPECT_TRUE(linked.cancelled());
  flag = false;
  EXPECT_FALSE(linked.cancelled());
  linked.Cancel();  // its own state too
  EXPECT_TRUE(linked.cancelled());
}

TEST(CancelTokenTest, SplitCancelledAfterTheFirstFrameStopsWithWholeFramesAndFiles) {
  TempDir dir;
  testkit::WritePanoramas(dir.path() / "in", kInputs, 256);
  const JobDocument job = Split(dir.path() / "in", dir.path() / "out");
  const CancelToken cancel;
  RecordingObserver observer;
  observer.on_progress = [&](std::int64_t done) {
    if (done == 1) cancel.Cancel();
  };
  const SplitResult r = RunSplitJob(job, observer, cancel);

  EXPECT_TRUE(r.counts.interrupted);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(r.counts.failures.empty());
  EXPECT_EQ(r.counts.frames_total, kInputs);  // what the source said was coming
  const std::int64_t seen = static_cast<std::int64_t>(r.record.frames.size());
  EXPECT_GE(seen, 1);
  EXPECT_LT(seen, kInputs) << "the job went on after the cancel";
  ASSERT_FALSE(observer.Of(Event::kProgress).empty());
  EXPECT_EQ(observer.Of(Event::kProgress).back()->value, seen);
  EXPECT_EQ(observer.Of(Event::kFinish).size(), 1u);
  EXPECT_TRUE(observer.Warnings().empty());

  // The frame being reported when the token was cancelled had been finished.
  ASSERT_TRUE(r.record.frames.front().ok);
  EXPECT_EQ(r.record.frames.front().name, "pano_1");

  // Only whole files: no temp file, every view decodes at its size, and the views on disk are
  // exactly the ones counted.
  const std::set<std::string> views = Files(dir.path() / "out/images");
  EXPECT_EQ(static_cast<std::int64_t>(views.size()), r.counts.views_written);
  for (const std::string& f : Files(dir.path() / "out")) EXPECT_FALSE(IsTempFileName(f)) << f;
  for (const std::string& f : views) {
    const Image image = ReadImage((dir.path() / "out/images" / f).string());
    EXPECT_EQ(image.width(), 48) << f;
  }
  // Every frame reported done has all its views.
  const Rig rig = MakePreset("default11");
  ASSERT_EQ(rig.views.size(), static_cast<std::size_t>(kViews));
  std::int64_t done = 0;
  for (const FrameRecord& frame : r.record.frames) {
    if (!frame.ok) continue;
    ++done;
    for (const View& v : rig.views)
      EXPECT_TRUE(views.count(v.name + "/" + frame.name + ".jpg")) << frame.name;
  }
  EXPECT_EQ(done, r.counts.frames_done);
  EXPECT_GE(r.counts.views_written, done * kViews);
  // No view of a frame the job never took.
  for (const std::string& f : views) {
    const std::string frame = fs::path(f).stem().string();
    bool taken = false;
    for (const FrameRecord& rec : r.record.frames) taken |= rec.name == frame;
    EXPECT_TRUE(taken) << f;
  }
}

TEST(CancelTokenTest, SplitWithATokenCancelledBeforeTheStartWritesNoView) {
  TempDir dir;
  testkit::WritePanoramas(dir.path() / "in", 3, 256);
  const CancelToken cancel;
  cancel.Cancel();
  RecordingObserver observer;
  const SplitResult r = RunSplitJob(Split(dir.path() / "in", dir.path() / "out"), observer, cancel);
  EXPECT_TRUE(r.counts.interrupted);
  EXPECT_EQ(r.counts.views_written, 0);
  EXPECT_EQ(r.counts.frames_done, 0);
  EXPECT_EQ(r.counts.frames_total, 3);
  EXPECT_TRUE(r.record.frames.empty());
  EXPECT_TRUE(Files(dir.path() / "out/images").empty());
  EXPECT_TRUE(observer.Of(Event::kProgress).empty());
}

JobDocument Mask(const fs::path& images, const fs::path& out) {
  JobDocument job = JobDocument::For(JobCommand::kMask);
  job.inputs = {images.string()};
  job.output = out.string();
  job.detect.model = prep360::testkit::TestModelPath("seg_fixed.onnx");
  job.detect.device = Device::kCpu;
  job.detect.batch = 4;  // seg_fixed.onnx takes one image a call: groups of one image
  job.runtime.threads = 1;
  job.Check();
  return job;
}

void WriteBlack(const fs::path& path) {
  Image image(640, 640, 3, 1);
  image.Fill(0);
  fs::create_directories(path.parent_path());
  WriteFileAtomic(path.string(), EncodeImage(image, ImageFormat::kPng, EncodeOptions{}));
}

TEST(CancelTokenTest, MaskJobStopsAtTheNextGroupAndACancelledOneWritesNothing) {
  TempDir dir;
  for (int k = 1; k <= 6; ++k) WriteBlack(dir.path() / "images" / fmt::format("f{}.png", k));
  const CancelToken cancel;
  RecordingObserver observer;
  observer.on_progress = [&](std::int64_t) { cancel.Cancel(); };
  const MaskJobResult r = RunMaskJob(Mask(dir.path() / "images", dir.path() / "masks"), observer, cancel);
  EXPECT_TRUE(r.interrupted);
  EXPECT_EQ(r.images, 6);
  EXPECT_EQ(r.written, 1);  // the first group, of one image (COLMAP style writes empty masks too)
  std::set<std::string> masks = Files(dir.path() / "masks");
  masks.erase("report.json");
  EXPECT_EQ(masks, (std::set<std::string>{"f1.png.png"}));

  const CancelToken before;
  before.Cancel();
  const MaskJobResult none = RunMaskJob(Mask(dir.path() / "images", dir.path() / "none"), observer, before);
  EXPECT_TRUE(none.interrupted);
  EXPECT_EQ(none.written, 0);
  masks = Files(dir.path() / "none");
  masks.erase("report.json");
  EXPECT_TRUE(masks.empty());
}

}  // namespace
}  // namespace prep360
