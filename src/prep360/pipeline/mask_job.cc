#include "prep360/pipeline/mask_job.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <mutex>
#include <optional>

#include <nlohmann/json.hpp>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "prep360/image/image_io.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/dataset_layout.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/scale/shard.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/resources.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool IsUnder(const fs::path& path, const fs::path& dir) {
  const auto rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

// Adds seconds to a double from several threads.
void AtomicAdd(std::atomic<double>& total, double value) {
  double old = total.load(std::memory_order_relaxed);
  while (!total.compare_exchange_weak(old, old + value, std::memory_order_relaxed)) {
  }
}

struct Slot {
  std::string rel;
  std::optional<Image> image;
};

// One mask job while it runs: busy thread-seconds per phase, counts, failures.
class MaskRun {
 public:
  MaskRun(const JobDocument& job, JobObserver& observer) : job_(job), observer_(observer) {}

  // Reads and decodes files[first, first + count) in parallel; failures are counted and told.
  std::vector<Slot> Read(const std::vector<std::string>& files, std::size_t first, std::size_t count);
  // Dilates, applies the file rule, encodes and writes each segmented image's mask in parallel.
  void Write(const std::vector<Slot>& slots, const std::vector<std::size_t>& index,
             std::vector<SegmentResult>& masks);
  void Fill(MaskJobResult& result) const;

 private:
  void Fail(const std::string& line);

  const JobDocument& job_;
  JobObserver& observer_;
  std::atomic<double> read_s_{0}, decode_s_{0}, ops_s_{0}, encode_s_{0}, write_s_{0};
  std::atomic<std::int64_t> written_{0}, empty_{0}, failed_{0};
  std::mutex error_mutex_;
};

void MaskRun::Fail(const std::string& line) {
  failed_.fetch_add(1);
  std::lock_guard<std::mutex> lock(error_mutex_);
  observer_.OnWarning(line);
}

std::vector<Slot> MaskRun::Read(const std::vector<std::string>& files, std::size_t first, std::size_t count) {
  std::vector<Slot> slots(count);
  const fs::path images_root(job_.inputs.at(0));
  tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
    Slot& slot = slots[i];
    slot.rel = files[first + i];
    const std::string path = (images_root / slot.rel).string();
    try {
      auto t = Clock::now();
      const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
      AtomicAdd(read_s_, Since(t));
      t = Clock::now();
      slot.image = DecodeImage(bytes, path);
      AtomicAdd(decode_s_, Since(t));
    } catch (const Error& e) {
      Fail(e.what());
    }
  });
  return slots;
}

void MaskRun::Write(const std::vector<Slot>& slots, const std::vector<std::size_t>& index,
                    std::vector<SegmentResult>& masks) {
  const fs::path masks_root(job_.output);
  tbb::parallel_for(std::size_t{0}, masks.size(), [&](std::size_t k) {
    const Slot& slot = slots[index[k]];
    Image& mask = masks[k].mask;
    const std::string out = MaskPathFor(masks_root, job_.mask.style, slot.rel).string();
    try {
      auto t = Clock::now();
      if (masks[k].detections.empty()) empty_.fetch_add(1);
      DilateMask(mask, job_.mask.dilate);
      const std::optional<Image> file = MaskFile(std::move(mask), job_.mask.style, job_.mask.invert);
      AtomicAdd(ops_s_, Since(t));
      if (!file) return;
      t = Clock::now();
      const std::vector<std::uint8_t> png = EncodeImage(*file, ImageFormat::kPng, EncodeOptions{});
      AtomicAdd(encode_s_, Since(t));
      t = Clock::now();
      std::error_code ec;
      fs::create_directories(fs::path(out).parent_path(), ec);
      WriteFileAtomic(out, png);
      AtomicAdd(write_s_, Since(t));
      written_.fetch_add(1);
    } catch (const Error& e) {
      Fail(e.what());
    }
  });
}

void MaskRun::Fill(MaskJobResult& result) const {
  result.written = written_.load();
  result.empty = empty_.load();
  result.failed = failed_.load();
  result.read_s = read_s_.load();
  result.decode_s = decode_s_.load();
  result.mask_ops_s = ops_s_.load();
  result.encode_s = encode_s_.load();
  result.write_s = write_s_.load();
}

void WriteMaskReport(const JobDocument& job, const Segmenter& segmenter, const SegmenterOptions& seg_options,
                     const MaskJobResult& result) {
  const ModelInfo& info = segmenter.info();
  nlohmann::ordered_json report;
  report["command"] = "mask";
  report["images_dir"] = job.inputs.at(0);
  report["masks_dir"] = job.output;
  report["model"] = {{"path", info.path}, {"adapter", info.adapter}, {"provider", result.provider}};
  std::vector<std::string> classes;
  for (const int id : segmenter.class_ids()) {
    classes.push_back(static_cast<std::size_t>(id) < info.class_names.size() ? info.class_names[static_cast<std::size_t>(id)]
                                                                             : std::to_string(id));
  }
  report["settings"] = {{"classes", classes},
                        {"conf", static_cast<float>(seg_options.detect.conf)},
                        {"iou", static_cast<float>(seg_options.detect.iou)},
                        {"min_area", seg_options.detect.min_area},
                        {"dilate", job.mask.dilate},
                        {"invert", job.mask.invert},
                        {"mask_style", MaskStyleName(job.mask.style)},
                        {"batch", seg_options.detect.batch}};
  report["counts"] = {{"images", result.images},   {"written", result.written}, {"empty", result.empty},
                      {"failed", result.failed},   {"interrupted", result.interrupted}};
  report["timing_s"] = {{"wall", result.wall_s},
                        {"read", result.read_s},
                        {"decode", result.decode_s},
                        {"preprocess", result.model.preprocess_s},
                        {"inference", result.model.inference_s},
                        {"postprocess", result.model.postprocess_s},
                        {"mask_ops", result.mask_ops_s},
                        {"encode", result.encode_s},
                        {"write", result.write_s}};
  AddShardRecord(report, job);
  const fs::path masks_root(job.output);
  std::error_code ec;
  fs::create_directories(masks_root, ec);
  WriteTextFileAtomic(JobReportFile(masks_root, job).string(), report.dump(2) + "\n");
}

MaskJobResult RunMaskJobIn(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                           std::shared_ptr<Segmenter> model) {
  const auto start = Clock::now();
  const std::string& images_dir = job.inputs.at(0);
  SegmenterOptions seg_options = SegmenterOptionsFor(job.detect, job.runtime.threads);
  seg_options.warn = [&observer](const std::string& line) { observer.OnWarning("warning: " + line); };
  // First: a bad model fails before a long folder scan.
  const std::shared_ptr<Segmenter> loaded = model ? std::move(model) : std::make_shared<Segmenter>(seg_options);
  Segmenter& segmenter = *loaded;
  const std::vector<std::string> files = ListImagesRecursive(images_dir, job.output);
  if (files.empty()) throw FileError(images_dir, "no images (.jpg, .png, .tif) in this folder");
  const std::size_t group = static_cast<std::size_t>(std::max(1, job.detect.batch)) * 2;
  // A shard takes whole groups, so each image is segmented in the same batch as in one run.
  const ShardRange part = ShardSlice(static_cast<std::int64_t>(files.size()), ParseShard(job.runtime.shard),
                                     static_cast<std::int64_t>(group));
  const auto part_end = static_cast<std::size_t>(part.end);
  MaskJobResult result;
  result.images = part.end - part.begin;
  result.provider = segmenter.provider();
  MaskRun run(job, observer);
  observer.OnStart("mask", result.images);
  std::int64_t done = 0;
  for (auto first = static_cast<std::size_t>(part.begin); first < part_end; first += group) {
    if (cancel.cancelled()) {
      result.interrupted = true;
      break;
    }
    const std::size_t count = std::min(group, part_end - first);
    std::vector<Slot> slots = run.Read(files, first, count);
    std::vector<const Image*> batch;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < count; ++i) {
      if (slots[i].image) {
        batch.push_back(&*slots[i].image);
        index.push_back(i);
      }
    }
    std::vector<SegmentResult> masks = segmenter.Run(batch, &result.model);
    run.Write(slots, index, masks);
    done += static_cast<std::int64_t>(count);
    observer.OnProgress(done);
  }
  observer.OnFinish(StageTimes{});
  run.Fill(result);
  result.wall_s = Since(start);
  WriteMaskReport(job, segmenter, seg_options, result);
  return result;
}

}  // namespace  // namespace

std::vector<std::string> ListImagesRecursive(const std::string& dir, const std::string& skip_dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) throw FileError(dir, "no such folder");
  if (!fs::is_directory(dir, ec)) throw FileError(dir, "not a folder (give the folder of images)");
  const fs::path root = fs::weakly_canonical(dir);
  std::optional<fs::path> skip;
  if (!skip_dir.empty()) {
    const fs::path s = fs::weakly_canonical(skip_dir);
    if (s != root) skip = s;
  }
  std::vector<std::string> files;
  for (auto it = fs::recursive_directory_iterator(root, fs::directory_options::follow_directory_symlink, ec);
       it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw FileError(dir, "cannot list the folder (" + ec.message() + ")");
    if (skip && it->is_directory() && fs::weakly_canonical(it->path()) == *skip) {
      it.disable_recursion_pending();
      continue;
    }
    if (!it->is_regular_file()) continue;
    const std::string name = Lower(it->path().filename().string());
    const std::string ext = Lower(it->path().extension().string());
    if (ext != ".jpg" && ext != ".jpeg" && ext != ".png" && ext != ".tif" && ext != ".tiff") continue;
    if (EndsWith(name, ".mask.png") || EndsWith(name, "_mask.png") || IsTempFileName(name)) continue;
    if (skip && IsUnder(it->path(), *skip)) continue;
    files.push_back(it->path().lexically_relative(root).generic_string());
  }
  if (ec) throw FileError(dir, "cannot list the folder (" + ec.message() + ")");
  std::sort(files.begin(), files.end(), NaturalLess);
  return files;
}

MaskJobResult RunMaskJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                         std::shared_ptr<Segmenter> model) {
  const int threads = job.runtime.threads > 0 ? job.runtime.threads : HardwareThreads();
  tbb::task_arena arena(threads);  // per job, so concurrent jobs keep their own thread count
  MaskJobResult result;
  arena.execute([&] { result = RunMaskJobIn(job, observer, cancel, std::move(model)); });
  return result;
}

}  // namespace prep360
