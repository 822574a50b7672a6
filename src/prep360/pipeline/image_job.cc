#include "prep360/pipeline/image_job.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>

#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "prep360/image/image_io.h"
#include "prep360/pipeline/mask_job.h"
#include "prep360/util/error.h"
#include "prep360/util/resources.h"

namespace prep360 {
namespace {

using Clock = std::chrono::steady_clock;

struct Item {
  std::string rel;
  std::optional<Image> image;
};
using ItemPtr = std::shared_ptr<Item>;

class Seconds {
 public:
  void Add(Clock::time_point since) {
    const double s = std::chrono::duration<double>(Clock::now() - since).count();
    double old = total_.load(std::memory_order_relaxed);
    while (!total_.compare_exchange_weak(old, old + s, std::memory_order_relaxed)) {
    }
  }
  double get() const { return total_.load(); }

 private:
  std::atomic<double> total_{0};
};

}  // namespace

ImageJobResult RunImageJob(const JobDocument& job, const std::string& label, JobObserver& observer,
                           const CancelToken& cancel, const ImageWork& work) {
  const auto start = Clock::now();
  const std::vector<std::string> files = ListImagesRecursive(job.inputs.at(0), job.output);
  if (files.empty()) throw FileError(job.inputs.at(0), "no images (.jpg, .png, .tif) in this folder");
  ImageJobResult result;
  result.images = static_cast<std::int64_t>(files.size());
  const int threads = job.runtime.threads > 0 ? job.runtime.threads : HardwareThreads();
  Seconds read_s, decode_s, work_s;
  std::atomic<std::int64_t> done{0}, failed{0}, seen{0};
  std::mutex tell;
  auto fail = [&](const std::string& line) {
    failed.fetch_add(1);
    std::lock_guard<std::mutex> lock(tell);
    observer.OnWarning(line);
  };
  observer.OnStart(label, result.images);
  std::size_t next = 0;
  const std::filesystem::path root(job.inputs.at(0));
  tbb::task_arena arena(threads);
  arena.execute([&] {
    tbb::parallel_pipeline(
        static_cast<std::size_t>(threads + 1),
        tbb::make_filter<void, ItemPtr>(tbb::filter_mode::serial_in_order,
                                      [&](tbb::flow_control& fc) -> ItemPtr {
                                        if (next == files.size() || cancel.cancelled()) {
                                          fc.stop();
                                          return nullptr;
                                        }
                                        return std::make_shared<Item>(Item{files[next++], std::nullopt});
                                      }) &
            tbb::make_filter<ItemPtr, ItemPtr>(tbb::filter_mode::parallel,
                                           [&](ItemPtr item) {
                                             const std::string path = (root / item->rel).string();
                                             try {
                                               auto t = Clock::now();
                                               const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
                                               read_s.Add(t);
                                               t = Clock::now();
                                               item->image = DecodeImage(bytes, path);
                                               decode_s.Add(t);
                                             } catch (const Error& e) {
                                               fail(e.what());
                                             }
                                             return item;
                                           }) &
            tbb::make_filter<ItemPtr, void>(tbb::filter_mode::parallel, [&](ItemPtr item) {
              if (item->image && !cancel.cancelled()) {
                try {
                  const auto t = Clock::now();
                  work(item->rel, *item->image);
                  work_s.Add(t);
                  done.fetch_add(1);
                } catch (const Error& e) {
                  fail(e.what());
                }
              }
              const std::int64_t n = seen.fetch_add(1) + 1;
              std::lock_guard<std::mutex> lock(tell);
              observer.OnProgress(n);
            }));
  });
  observer.OnFinish(StageTimes{});
  result.done = done.load();
  result.failed = failed.load();
  result.interrupted = cancel.cancelled();
  result.read_s = read_s.get();
  result.decode_s = decode_s.get();
  result.work_s = work_s.get();
  result.wall_s = std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

}  // namespace prep360
