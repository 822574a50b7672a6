#include "prep360/pipeline/split_job.h"

#include <atomic>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include <fmt/format.h>
#include <oneapi/tbb/enumerable_thread_specific.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_pipeline.h>

#include "prep360/export/colmap_rig.h"
#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/pipeline/interrupt.h"
#include "prep360/pipeline/split_report.h"
#include "prep360/reproject/remap_table.h"
#include "prep360/rig/rig_json.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/resources.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;

// One panorama travelling through the pipeline.
struct FrameTask {
  std::size_t index = 0;
  std::vector<std::size_t> views_to_write;  // indices into the rig
  std::vector<std::uint8_t> bytes;
  Image equirect;
  SourceMetadata metadata;
  std::string error;       // set when the input could not be used
  std::size_t views_written = 0;
};

fs::path ViewPath(const fs::path& out, const View& view, const InputFile& in, ImageFormat format) {
  return out / "images" / view.name / (in.frame_name + "." + FormatExtension(format));
}

// Removes temp files left by a run that was killed hard (a clean stop never leaves any).
void RemoveStaleTemps(const fs::path& images_dir) {
  std::error_code ec;
  if (!fs::is_directory(images_dir, ec)) return;
  for (auto it = fs::recursive_directory_iterator(images_dir, ec); !ec && it != fs::recursive_directory_iterator();
       it.increment(ec)) {
    if (it->is_regular_file() && IsTempFileName(it->path().filename().string())) fs::remove(it->path(), ec);
  }
}

// Sizes views that have none from the first input whose header reads.
Rig ResolveSizes(const SplitOptions& options) {
  bool need = false;
  for (const View& v : options.rig.views) need |= (v.width == 0 || v.height == 0);
  if (!need) return options.rig;
  for (const InputFile& in : options.inputs) {
    try {
      const ImageInfo info = ReadImageInfo(in.path);
      return ResolveViewSizes(options.rig, info.width);
    } catch (const Error&) {
      continue;  // reported when the pipeline reaches it
    }
  }
  throw Error("no input could be read to choose the view size (give --size WxH)");
}

void CheckResumeCompatible(const fs::path& out, const std::string& rig_json) {
  const fs::path previous = out / "rig.json";
  std::error_code ec;
  if (!fs::exists(previous, ec)) return;
  const std::vector<std::uint8_t> bytes = ReadFileBytes(previous.string());
  if (std::string(bytes.begin(), bytes.end()) != rig_json) {
    throw FileError(previous.string(),
                    "--resume into a dataset made with another rig, field of view or size; "
                    "use a new output folder or the same settings");
  }
}

void CheckEquirect(const ImageInfo& info, const std::string& path) {
  if (info.width != 2 * info.height) {
    throw FileError(path, fmt::format("not an equirectangular panorama: {}x{} is not 2:1", info.width, info.height));
  }
}

}  // namespace

SplitResult RunSplit(const SplitOptions& options) {
  const auto start = Clock::now();
  SplitResult result;
  result.frames_total = static_cast<std::int64_t>(options.inputs.size());
  result.threads = options.threads > 0 ? options.threads : HardwareThreads();
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(result.threads));
  if (options.rig.views.empty()) throw Error("the rig has no views");

  const fs::path out(options.output_dir);
  std::error_code ec;
  fs::create_directories(out / "images", ec);
  if (ec) throw FileError(out.string(), "cannot create the output folder: " + ec.message());

  result.rig = ResolveSizes(options);
  const Rig& rig = result.rig;
  const std::string rig_json = RigToJson(rig);
  if (options.resume) CheckResumeCompatible(out, rig_json);
  RemoveStaleTemps(out / "images");
  for (const View& v : rig.views) {
    fs::create_directories(out / "images" / v.name, ec);
    if (ec) throw FileError((out / "images" / v.name).string(), "cannot create folder: " + ec.message());
  }
  // The rig files come first, so a stopped run still leaves a consistent dataset.
  WriteTextFileAtomic((out / "rig.json").string(), rig_json);
  WriteColmapRigExport(out.string(), rig);

  StageTimes times;
  RemapCache cache(rig, options.interpolation);

  // Output buffers, one per (thread, view size, format): reused for every frame.
  using BufferKey = std::tuple<int, int, int, int>;
  tbb::enumerable_thread_specific<std::map<BufferKey, Image>> buffers;

  Progress progress("split", result.frames_total, options.progress);
  std::int64_t frames_seen = 0;
  std::size_t next_input = 0;
  const std::size_t in_flight =
      static_cast<std::size_t>(options.frames_in_flight > 0 ? options.frames_in_flight : result.threads + 1);

  auto source = [&](tbb::flow_control& fc) -> std::shared_ptr<FrameTask> {
    if (next_input >= options.inputs.size() || InterruptRequested()) {
      fc.stop();
      return nullptr;
    }
    auto task = std::make_shared<FrameTask>();
    task->index = next_input++;
    const InputFile& in = options.inputs[task->index];
    for (std::size_t v = 0; v < rig.views.size(); ++v) {
      if (options.resume && fs::exists(ViewPath(out, rig.views[v], in, options.format))) continue;
      task->views_to_write.push_back(v);
    }
    return task;
  };

  auto decode = [&](std::shared_ptr<FrameTask> task) -> std::shared_ptr<FrameTask> {
    if (task->views_to_write.empty()) return task;
    const InputFile& in = options.inputs[task->index];
    try {
      {
        ScopedStageTimer t(times, Stage::kRead);
        task->bytes = ReadFileBytes(in.path);
      }
      ScopedStageTimer t(times, Stage::kDecode);
      const ImageInfo info = ReadImageInfo(task->bytes, in.path);
      CheckEquirect(info, in.path);
      // Only the source rows some view's kernel taps read (e.g. a band around the equator for a
      // level rig): the JPEG decoder skips the rest, and Remap never reads them.
      const RowRange rows = cache.SourceRows(info.width, info.height);
      task->equirect = DecodeImage(task->bytes, in.path, kEquirectBorder, rows);
      FillEquirectBorder(task->equirect, rows);
      if (options.write_metadata) task->metadata = ReadSourceMetadata(task->bytes);
    } catch (const std::exception& e) {
      task->error = e.what();
    }
    task->bytes = {};
    return task;
  };

  auto render = [&](std::shared_ptr<FrameTask> task) -> std::shared_ptr<FrameTask> {
    if (!task->error.empty() || task->views_to_write.empty()) return task;
    const InputFile& in = options.inputs[task->index];
    const Image& eq = task->equirect;
    std::atomic<std::size_t> written{0};
    std::mutex error_mutex;
    tbb::parallel_for(std::size_t{0}, task->views_to_write.size(), [&](std::size_t k) {
      if (InterruptRequested()) return;
      const std::size_t v = task->views_to_write[k];
      const View& view = rig.views[v];
      try {
        const RemapTable& table = cache.Get(v, eq.width(), eq.height());
        auto& mine = buffers.local();
        auto [it, fresh] =
            mine.try_emplace(BufferKey{view.width, view.height, eq.channels(), eq.bytes_per_sample()});
        if (fresh) it->second = Image(view.width, view.height, eq.channels(), eq.bytes_per_sample());
        Image& view_image = it->second;
        {
          ScopedStageTimer t(times, Stage::kReproject);
          Remap(eq, table, view_image);
        }
        std::vector<std::uint8_t> encoded;
        {
          ScopedStageTimer t(times, Stage::kEncode);
          encoded = EncodeImage(view_image, options.format, options.encode);
        }
        if (options.write_metadata) {
          ScopedStageTimer t(times, Stage::kMetadata);
          const Pinhole cam = view.Camera();
          ViewMetadata meta;
          meta.width = view.width;
          meta.height = view.height;
          meta.focal_px = cam.fx;
          meta.yaw_deg = view.yaw_deg;
          meta.pitch_deg = view.pitch_deg;
          meta.roll_deg = view.roll_deg;
          meta.hfov_deg = view.hfov_deg;
          meta.vfov_deg = cam.VfovDeg();
          meta.view_name = view.name;
          meta.source_name = fs::path(in.path).filename().string();
          meta.source = task->metadata;
          encoded = EmbedViewMetadata(encoded, options.format, meta);
        }
        ScopedStageTimer t(times, Stage::kWrite);
        WriteFileAtomic(ViewPath(out, view, in, options.format).string(), encoded);
        written.fetch_add(1);
      } catch (const std::exception& e) {
        std::lock_guard lock(error_mutex);
        if (task->error.empty()) task->error = e.what();
      }
    });
    task->views_written = written.load();
    task->equirect = Image();  // release the panorama before the next frame is admitted
    return task;
  };

  auto finish = [&](std::shared_ptr<FrameTask> task) {
    const InputFile& in = options.inputs[task->index];
    const std::int64_t skipped =
        static_cast<std::int64_t>(rig.views.size() - task->views_to_write.size());
    result.views_skipped_existing += skipped;
    result.views_written += static_cast<std::int64_t>(task->views_written);
    if (!task->error.empty()) {
      result.failures.push_back({in.path, task->error});
      // The finish stage is serial, so warnings never interleave.
      if (options.warn) options.warn("skipped " + task->error);
    } else if (task->views_to_write.empty()) {
      ++result.frames_already_done;
      ++result.frames_done;
    } else if (task->views_written == task->views_to_write.size()) {
      ++result.frames_done;
    }
    progress.Update(++frames_seen);
  };

  tbb::parallel_pipeline(
      in_flight,
      tbb::make_filter<void, std::shared_ptr<FrameTask>>(tbb::filter_mode::serial_in_order, source) &
          tbb::make_filter<std::shared_ptr<FrameTask>, std::shared_ptr<FrameTask>>(tbb::filter_mode::parallel,
                                                                                   decode) &
          tbb::make_filter<std::shared_ptr<FrameTask>, std::shared_ptr<FrameTask>>(tbb::filter_mode::parallel,
                                                                                   render) &
          tbb::make_filter<std::shared_ptr<FrameTask>, void>(tbb::filter_mode::serial_in_order, finish));
  progress.Finish();

  result.interrupted = InterruptRequested();
  for (std::size_t s = 0; s < result.stage_seconds.size(); ++s) {
    result.stage_seconds[s] = times.Seconds(static_cast<Stage>(s));
    result.stage_items[s] = times.Items(static_cast<Stage>(s));
  }
  result.remap_table_bytes = cache.MemoryBytes();
  result.remap_table_build_seconds = cache.build_seconds();
  result.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  result.peak_rss_bytes = PeakRssBytes();
  WriteSplitReport((out / "report.json").string(), options, result);
  return result;
}

}  // namespace prep360
