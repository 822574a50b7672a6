#include "prep360/pipeline/image_job.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <mutex>

#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "prep360/image/image_io.h"
#include "prep360/image/reduced_decode.h"
#include "prep360/pipeline/image_inputs.h"
#include "prep360/scale/shard.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/phase_seconds.h"
#include "prep360/util/resources.h"

namespace prep360 {
namespace {

using Clock = std::chrono::steady_clock;

using Group = std::vector<ImageSlot>;
using GroupPtr = std::shared_ptr<Group>;

// One image job while it runs: the steps of each group, busy seconds, counts, failures.
class ImageRun {
 public:
  ImageRun(const ImageSteps& steps, JobObserver& observer)
      : steps_(steps), observer_(observer) {}

  void Decode(Group& group);
  void Infer(Group& group);
  void Finish(Group& group);
  void Fill(ImageJobResult& result) const;

 private:
  void Fail(const std::string& line, std::int64_t count = 1);
  void DecodeOne(ImageSlot& slot);
  void FinishEach(Group& group);

  const ImageSteps& steps_;
  JobObserver& observer_;
  PhaseSeconds read_s_, decode_s_, work_s_, finish_s_;
  std::atomic<std::int64_t> done_{0}, failed_{0}, seen_{0};
  std::mutex tell_;
};

void ImageRun::Fail(const std::string& line, std::int64_t count) {
  failed_.fetch_add(count);
  std::lock_guard<std::mutex> lock(tell_);
  observer_.OnWarning(line);
}

void ImageRun::DecodeOne(ImageSlot& slot) {
  const std::string& path = slot.path;
  try {
    PhaseSpan t = PhaseSpan::Start();
    const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
    read_s_.Add(t);
    t = PhaseSpan::Start();
    if (steps_.footprint) {
      const ImageInfo header = ReadImageInfo(bytes, path);
      const auto [need_w, need_h] = steps_.footprint(header.width, header.height);
      slot.image = DecodeImageAtLeast(bytes, path, need_w, need_h);
      slot.width = header.width;
      slot.height = header.height;
    } else {
      slot.image = DecodeImage(bytes, path);
      slot.width = slot.image->width();
      slot.height = slot.image->height();
    }
    decode_s_.Add(t);
  } catch (const Error& e) {
    Fail(e.what());
  }
}

// Each step runs isolated: a thread waiting inside it (for its parallel_for, or the model's) takes
// no other group's step meanwhile, so the busy seconds of a step are that step's own.
void ImageRun::Decode(Group& group) {
  tbb::this_task_arena::isolate(
      [&] { tbb::parallel_for(std::size_t{0}, group.size(), [&](std::size_t i) { DecodeOne(group[i]); }); });
}

void ImageRun::Infer(Group& group) {
  std::vector<ImageSlot*> slots;
  for (ImageSlot& slot : group) {
    if (slot.image) slots.push_back(&slot);
  }
  if (slots.empty()) return;
  const PhaseSpan t = PhaseSpan::Start();
  try {
    tbb::this_task_arena::isolate([&] { steps_.infer(slots); });
  } catch (const Error& e) {
    for (ImageSlot* slot : slots) slot->image.reset();
    Fail(e.what(), static_cast<std::int64_t>(slots.size()));
  }
  work_s_.Add(t);
}

void ImageRun::Finish(Group& group) {
  tbb::this_task_arena::isolate([&] { FinishEach(group); });
  std::lock_guard<std::mutex> lock(tell_);  // counted and told together: the values only grow
  observer_.OnProgress(seen_ += static_cast<std::int64_t>(group.size()));
}

void ImageRun::FinishEach(Group& group) {
  tbb::parallel_for(std::size_t{0}, group.size(), [&](std::size_t i) {
    ImageSlot& slot = group[i];
    if (!slot.image) return;
    if (steps_.finish) {
      const PhaseSpan t = PhaseSpan::Start();
      try {
        steps_.finish(slot);
      } catch (const Error& e) {
        Fail(e.what());
        return;
      }
      finish_s_.Add(t);
    }
    slot.image.reset();
    slot.result.reset();
    done_.fetch_add(1);
  });
}

void ImageRun::Fill(ImageJobResult& result) const {
  result.done = done_.load();
  result.failed = failed_.load();
  result.read_s = read_s_.busy();
  result.decode_s = decode_s_.busy();
  result.work_s = work_s_.busy();
  result.finish_s = finish_s_.busy();
  result.read_cpu_s = read_s_.cpu();
  result.decode_cpu_s = decode_s_.cpu();
  result.work_cpu_s = work_s_.cpu();
  result.finish_cpu_s = finish_s_.cpu();
}

void RunPipeline(ImageRun& run, const std::vector<ImageInput>& files, std::size_t begin, std::size_t end,
                 const ImageSteps& steps, int in_flight, const CancelToken& cancel) {
  const std::size_t group = std::max<std::size_t>(1, steps.group);
  std::size_t next = begin;
  tbb::parallel_pipeline(
      static_cast<std::size_t>(in_flight),
      tbb::make_filter<void, GroupPtr>(tbb::filter_mode::serial_in_order,
                                       [&](tbb::flow_control& fc) -> GroupPtr {
                                         if (next == end || cancel.cancelled()) {
                                           fc.stop();
                                           return nullptr;
                                         }
                                         auto g = std::make_shared<Group>(std::min(group, end - next));
                                         for (ImageSlot& slot : *g) {
                                           slot.path = files[next].path;
                                           slot.rel = files[next++].rel;
                                         }
                                         return g;
                                       }) &
          tbb::make_filter<GroupPtr, GroupPtr>(tbb::filter_mode::parallel,
                                               [&](GroupPtr g) {
                                                 run.Decode(*g);
                                                 return g;
                                               }) &
          tbb::make_filter<GroupPtr, GroupPtr>(
              steps.serial_infer ? tbb::filter_mode::serial_in_order : tbb::filter_mode::parallel,
              [&](GroupPtr g) {
                if (cancel.cancelled()) {
                  for (ImageSlot& slot : *g) slot.image.reset();  // decoded, not yet inferred: dropped
                } else {
                  run.Infer(*g);
                }
                return g;
              }) &
          // A group the model has seen is finished even after a cancel: nothing half done is left.
          tbb::make_filter<GroupPtr, void>(tbb::filter_mode::parallel, [&](GroupPtr g) { run.Finish(*g); }));
}

}  // namespace

ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageSteps& steps) {
  const auto start = Clock::now();
  const std::vector<ImageInput> files = ListImageInputs(job.inputs, job.output);
  // Whole groups, so each image meets the model in the same batch as in one run.
  const ShardRange part = ShardSlice(static_cast<std::int64_t>(files.size()), ParseShard(job.runtime.shard),
                                     static_cast<std::int64_t>(std::max<std::size_t>(1, steps.group)));
  ImageJobResult result;
  result.images = part.end - part.begin;
  const int threads = job.runtime.threads > 0 ? job.runtime.threads : HardwareThreads();
  ImageRun run(steps, observer);
  observer.OnStart(label, result.images);
  tbb::task_arena arena(threads);  // per job, so concurrent jobs keep their own thread count
  const double cpu_start = ProcessCpuSeconds();
  arena.execute([&] {
    const int in_flight = job.runtime.frames_in_flight > 0 ? job.runtime.frames_in_flight : threads + 1;
    RunPipeline(run, files, static_cast<std::size_t>(part.begin), static_cast<std::size_t>(part.end), steps, in_flight,
                cancel);
  });
  observer.OnFinish(StageTimes{});
  run.Fill(result);
  result.process_cpu_s = ProcessCpuSeconds() - cpu_start;
  result.interrupted = cancel.cancelled();
  result.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageWork& work) {
  ImageSteps steps;
  steps.infer = [&work](const std::vector<ImageSlot*>& slots) {
    for (ImageSlot* slot : slots) work(slot->rel, *slot->image);
  };
  return RunImageJob(job, label, observer, cancel, steps);
}


void WriteImageJobReport(const JobDocument& job, nlohmann::ordered_json report) {
  AddShardRecord(report, job);
  std::error_code ec;
  std::filesystem::create_directories(job.output, ec);
  WriteTextFileAtomic(JobReportFile(job.output, job).string(), report.dump(2) + "\n");
}

}  // namespace prep360
