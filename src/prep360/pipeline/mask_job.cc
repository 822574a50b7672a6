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
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>

#include "prep360/image/image_io.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/pipeline/input_list.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

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

}  // namespace

std::vector<std::string> ListImagesRecursive(const std::string& dir, const std::string& skip_dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw FileError(dir, "not a folder of images");
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

MaskJobResult RunMaskJob(const MaskJobOptions& options) {
  const auto start = Clock::now();
  std::function<void(const std::string&)> error = options.error;
  if (!error) error = [](const std::string& line) { std::fprintf(stderr, "prep360: %s\n", line.c_str()); };
  const std::vector<std::string> files = ListImagesRecursive(options.images_dir, options.masks_dir);
  if (files.empty()) throw FileError(options.images_dir, "no images (.jpg, .png, .tif) in this folder");
  std::optional<tbb::global_control> limit;
  if (options.threads > 0) {
    limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(options.threads));
  }
  SegmenterOptions seg_options = options.segmenter;
  if (seg_options.threads == 0) seg_options.threads = options.threads;
  Segmenter segmenter(seg_options);

  MaskJobResult result;
  result.images = static_cast<std::int64_t>(files.size());
  result.provider = segmenter.provider();
  std::atomic<double> read_s{0}, decode_s{0}, ops_s{0}, encode_s{0}, write_s{0};
  std::atomic<std::int64_t> written{0}, empty{0}, failed{0};
  std::mutex error_mutex;
  auto fail = [&](const std::string& line) {
    failed.fetch_add(1);
    std::lock_guard<std::mutex> lock(error_mutex);
    error(line);
  };

  Progress progress("mask", result.images, options.progress);
  const fs::path images_root(options.images_dir), masks_root(options.masks_dir);
  const std::size_t group = static_cast<std::size_t>(std::max(1, options.segmenter.max_batch)) * 2;
  std::int64_t done = 0;
  for (std::size_t first = 0; first < files.size(); first += group) {
    if (InterruptRequested()) {
      result.interrupted = true;
      break;
    }
    const std::size_t count = std::min(group, files.size() - first);
    std::vector<Slot> slots(count);
    tbb::parallel_for(std::size_t{0}, count, [&](std::size_t i) {
      Slot& slot = slots[i];
      slot.rel = files[first + i];
      const std::string path = (images_root / slot.rel).string();
      try {
        auto t = Clock::now();
        const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
        AtomicAdd(read_s, Since(t));
        t = Clock::now();
        slot.image = DecodeImage(bytes, path);
        AtomicAdd(decode_s, Since(t));
      } catch (const Error& e) {
        fail(e.what());
      }
    });
    std::vector<const Image*> batch;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < count; ++i) {
      if (slots[i].image) {
        batch.push_back(&*slots[i].image);
        index.push_back(i);
      }
    }
    std::vector<SegmentResult> masks = segmenter.Run(batch, &result.model);
    tbb::parallel_for(std::size_t{0}, masks.size(), [&](std::size_t k) {
      const Slot& slot = slots[index[k]];
      Image& mask = masks[k].mask;
      const std::string out = (masks_root / MaskRelativePath(options.style, slot.rel)).string();
      try {
        auto t = Clock::now();
        const bool nothing = masks[k].detections.empty();
        if (nothing) empty.fetch_add(1);
        if (nothing && !WritesEmptyMasks(options.style)) {
          AtomicAdd(ops_s, Since(t));
          return;
        }
        DilateMask(mask, options.dilate_px);
        if (!options.invert) InvertMask(mask);  // files: object -> 0 (ignore), rest -> 255 (keep)
        AtomicAdd(ops_s, Since(t));
        t = Clock::now();
        EncodeOptions enc;
        const std::vector<std::uint8_t> png = EncodeImage(mask, ImageFormat::kPng, enc);
        AtomicAdd(encode_s, Since(t));
        t = Clock::now();
        std::error_code ec;
        fs::create_directories(fs::path(out).parent_path(), ec);
        WriteFileAtomic(out, png);
        AtomicAdd(write_s, Since(t));
        written.fetch_add(1);
      } catch (const Error& e) {
        fail(e.what());
      }
    });
    done += static_cast<std::int64_t>(count);
    progress.Update(done);
  }
  progress.Finish();

  result.written = written.load();
  result.empty = empty.load();
  result.failed = failed.load();
  result.read_s = read_s.load();
  result.decode_s = decode_s.load();
  result.mask_ops_s = ops_s.load();
  result.encode_s = encode_s.load();
  result.write_s = write_s.load();
  result.wall_s = Since(start);

  const ModelInfo& info = segmenter.info();
  nlohmann::ordered_json report;
  report["command"] = "mask";
  report["images_dir"] = options.images_dir;
  report["masks_dir"] = options.masks_dir;
  report["model"] = {{"path", info.path}, {"adapter", info.adapter}, {"provider", result.provider}};
  std::vector<std::string> classes;
  for (const int id : segmenter.class_ids()) {
    classes.push_back(static_cast<std::size_t>(id) < info.class_names.size() ? info.class_names[static_cast<std::size_t>(id)]
                                                                             : std::to_string(id));
  }
  report["settings"] = {{"classes", classes},
                        {"conf", options.segmenter.conf},
                        {"iou", options.segmenter.iou},
                        {"min_area", options.segmenter.min_area},
                        {"dilate", options.dilate_px},
                        {"invert", options.invert},
                        {"mask_style", MaskStyleName(options.style)},
                        {"batch", options.segmenter.max_batch}};
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
  std::error_code ec;
  fs::create_directories(masks_root, ec);
  WriteTextFileAtomic((masks_root / "report.json").string(), report.dump(2) + "\n");
  return result;
}

}  // namespace prep360
