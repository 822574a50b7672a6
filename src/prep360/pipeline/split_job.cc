#include "prep360/pipeline/split_job.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <chrono>
#include <filesystem>
#include <map>
#include <numbers>
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
#include "prep360/mask/mask_style.h"
#include "prep360/pipeline/image_list_source.h"
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
  SourceFrame src;
  std::vector<std::size_t> views_to_write;  // indices into the rig
  bool write_equirect = false;
  std::vector<std::uint8_t> bytes;
  Image equirect;
  std::string error;  // set when the frame could not be used
  std::size_t views_written = 0;
  std::size_t masks_written = 0;
  std::size_t sfm_masks_written = 0;
  bool equirect_written = false;

  bool NothingToDo() const { return views_to_write.empty() && !write_equirect; }
};

fs::path ViewPath(const fs::path& out, const View& view, const std::string& frame, ImageFormat format) {
  return out / "images" / view.name / (frame + "." + FormatExtension(format));
}

// Where a view image's masks go (see SplitOptions::masking).
fs::path ObjectMaskPath(const fs::path& out, MaskStyle style, const View& view, const std::string& frame,
                        ImageFormat format) {
  const std::string image = view.name + "/" + frame + "." + FormatExtension(format);
  return out / (style == MaskStyle::kRealityScan ? "images" : "masks") / MaskRelativePath(style, image);
}

fs::path SfmMaskPath(const fs::path& out, const View& view, const std::string& frame, ImageFormat format) {
  return out / "sfm_masks" / MaskRelativePath(MaskStyle::kColmap, view.name + "/" + frame + "." + FormatExtension(format));
}

// The width of the sphere mask: the panorama's, or less when the views are coarser (the
// sphere then matches the finest view's angular resolution at its centre, fx = W / 2pi).
int SphereMaskWidth(const Rig& rig, int eq_width) {
  double fx = 0;
  for (const View& v : rig.views) fx = std::max(fx, v.Camera().fx);
  const int matched = static_cast<int>(std::ceil(std::numbers::pi * fx)) * 2;  // 2*pi*fx, even
  return std::max(2, std::min(eq_width + eq_width % 2, matched));
}

fs::path EquirectPath(const fs::path& dir, const std::string& frame, ImageFormat format) {
  return dir / (frame + "." + FormatExtension(format));
}

// Removes temp files left by a run that was killed hard (a clean stop never leaves any).
void RemoveStaleTemps(const fs::path& dir, bool recursive) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  auto remove_if_temp = [](const fs::directory_entry& e) {
    std::error_code ignored;
    if (e.is_regular_file(ignored) && IsTempFileName(e.path().filename().string())) fs::remove(e.path(), ignored);
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      remove_if_temp(*it);
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
      remove_if_temp(*it);
    }
  }
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

// RemapTable's size limits, checked before any table is built so that the error names the file.
void CheckEquirectSize(int width, int height, const std::string& name) {
  if (width < kEquirectBorder || height < kEquirectBorder || width > RemapTable::kMaxEquirectSide ||
      height > RemapTable::kMaxEquirectSide) {
    throw FileError(name, fmt::format("equirect size {}x{} not supported (each side {}..{})", width, height,
                                      kEquirectBorder, RemapTable::kMaxEquirectSide));
  }
}

void CheckEquirect(const ImageInfo& info, const std::string& path) {
  if (info.width != 2 * info.height) {
    throw FileError(path, fmt::format("not an equirectangular panorama: {}x{} is not 2:1", info.width, info.height));
  }
  CheckEquirectSize(info.width, info.height, path);
}

void CreateFolder(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw FileError(dir.string(), "cannot create the output folder: " + ec.message());
}

}  // namespace

SplitResult RunSplit(const SplitOptions& options, FrameSource& source) {
  const auto start = Clock::now();
  SplitResult result;
  result.threads = options.threads > 0 ? options.threads : HardwareThreads();
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(result.threads));
  const bool equirect_out = !options.equirect_dir.empty();
  if (options.rig.views.empty() && !equirect_out) throw Error("the rig has no views");

  bool need_size = false;
  for (const View& v : options.rig.views) need_size |= (v.width == 0 || v.height == 0);
  result.rig = need_size ? ResolveViewSizes(options.rig, source.EquirectWidth()) : options.rig;
  const Rig& rig = result.rig;
  // The model loads before anything is written, so a bad model leaves no output behind.
  std::unique_ptr<FrameMasker> masker;
  if (options.masking.Any() && !rig.views.empty()) {
    result.mask_sphere_width = SphereMaskWidth(rig, source.EquirectWidth());
    masker = std::make_unique<FrameMasker>(rig, result.mask_sphere_width, options.masking);
    result.mask_provider = masker->provider();
  }

  const fs::path out(options.output_dir);
  const fs::path equirect_dir(options.equirect_dir);
  CreateFolder(out);
  if (equirect_out) {
    CreateFolder(equirect_dir);
    RemoveStaleTemps(equirect_dir, false);
  }
  if (!rig.views.empty()) {
    const std::string rig_json = RigToJson(rig);
    if (options.resume) CheckResumeCompatible(out, rig_json);
    RemoveStaleTemps(out / "images", true);
    for (const View& v : rig.views) {
      CreateFolder(out / "images" / v.name);
      if (options.masking.ObjectMasks()) {
        CreateFolder(ObjectMaskPath(out, options.masking.style, v, "f", options.format).parent_path());
      }
      if (options.masking.ownership) CreateFolder(SfmMaskPath(out, v, "f", options.format).parent_path());
    }
    if (options.masking.ObjectMasks()) RemoveStaleTemps(out / "masks", true);
    if (options.masking.ownership) RemoveStaleTemps(out / "sfm_masks", true);
    // The rig files come first, so a stopped run still leaves a consistent dataset.
    WriteTextFileAtomic((out / "rig.json").string(), rig_json);
    WriteColmapRigExport(out.string(), rig);
  }

  StageTimes times;
  RemapCache cache(rig, options.interpolation);
  std::mutex mask_times_mutex;
  const int video_bps = source.VideoBytesPerSample(options.format);

  // Output buffers, one per (thread, view size, format): reused for every frame.
  using BufferKey = std::tuple<int, int, int, int>;
  tbb::enumerable_thread_specific<std::map<BufferKey, Image>> buffers;

  const std::int64_t expected = source.ExpectedFrames();
  Progress progress(options.command, expected, options.progress);
  std::int64_t frames_seen = 0;
  std::string source_failure;
  const std::size_t in_flight =
      static_cast<std::size_t>(options.frames_in_flight > 0 ? options.frames_in_flight : result.threads + 1);

  auto source_stage = [&](tbb::flow_control& fc) -> std::shared_ptr<FrameTask> {
    if (InterruptRequested()) {
      fc.stop();
      return nullptr;
    }
    auto task = std::make_shared<FrameTask>();
    try {
      if (!source.Next(task->src, times)) {
        fc.stop();
        return nullptr;
      }
    } catch (const std::exception& e) {
      source_failure = e.what();
      fc.stop();
      return nullptr;
    }
    const std::string& frame = task->src.frame_name;
    for (std::size_t v = 0; v < rig.views.size(); ++v) {
      if (options.resume && fs::exists(ViewPath(out, rig.views[v], frame, options.format))) continue;
      task->views_to_write.push_back(v);
    }
    task->write_equirect =
        equirect_out && !(options.resume && fs::exists(EquirectPath(equirect_dir, frame, options.format)));
    return task;
  };

  auto decode = [&](std::shared_ptr<FrameTask> task) -> std::shared_ptr<FrameTask> {
    if (task->NothingToDo()) return task;
    SourceFrame& src = task->src;
    try {
      if (!src.path.empty()) {
        {
          ScopedStageTimer t(times, Stage::kRead);
          task->bytes = ReadFileBytes(src.path);
        }
        ScopedStageTimer t(times, Stage::kDecode);
        const ImageInfo info = ReadImageInfo(task->bytes, src.path);
        CheckEquirect(info, src.path);
        // Only the source rows some view's kernel taps read (e.g. a band around the equator for a
        // level rig): the JPEG decoder skips the rest, and Remap never reads them.
        const RowRange rows = equirect_out ? RowRange{0, info.height} : cache.SourceRows(info.width, info.height);
        task->equirect = DecodeImage(task->bytes, src.path, kEquirectBorder, rows);
        FillEquirectBorder(task->equirect, rows);
        if (options.write_metadata) src.metadata = ReadSourceMetadata(task->bytes);
      } else {
        // The conversion to RGB belongs to the frame's decode item (counted by the source).
        const auto convert_start = Clock::now();
        task->equirect = src.video.ToImage(video_bps, kEquirectBorder);
        src.video = VideoFrame();  // give the decoder its buffer back
        CheckEquirectSize(task->equirect.width(), task->equirect.height(), src.source_name);
        FillEquirectBorder(task->equirect);
        times.Add(Stage::kDecode, Clock::now() - convert_start, 0);
      }
    } catch (const std::exception& e) {
      task->error = e.what();
    }
    task->bytes = {};
    return task;
  };

  auto encode_and_write = [&](const Image& image, const fs::path& path, auto&& add_metadata) {
    std::vector<std::uint8_t> encoded;
    {
      ScopedStageTimer t(times, Stage::kEncode);
      encoded = EncodeImage(image, options.format, options.encode);
    }
    if (options.write_metadata) {
      ScopedStageTimer t(times, Stage::kMetadata);
      encoded = add_metadata(std::move(encoded));
    }
    ScopedStageTimer t(times, Stage::kWrite);
    WriteFileAtomic(path.string(), encoded);
  };

  auto write_mask = [&](const Image& mask, const fs::path& path) {
    std::vector<std::uint8_t> encoded;
    {
      ScopedStageTimer t(times, Stage::kMaskWrite);
      EncodeOptions png;
      png.png_compression = 1;
      encoded = EncodeImage(mask, ImageFormat::kPng, png);
      WriteFileAtomic(path.string(), encoded);
    }
  };

  auto render = [&](std::shared_ptr<FrameTask> task) -> std::shared_ptr<FrameTask> {
    if (!task->error.empty() || task->NothingToDo()) return task;
    const SourceFrame& src = task->src;
    const Image& eq = task->equirect;
    std::atomic<std::size_t> written{0}, masks{0}, sfm_masks{0};
    std::mutex error_mutex;
    auto record_error = [&](const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (task->error.empty()) task->error = e.what();
    };
    auto remap_into = [&](std::size_t v, Image& view_image) {
      const View& view = rig.views[v];
      const RemapTable& table = cache.Get(v, eq.width(), eq.height());
      if (view_image.empty()) view_image = Image(view.width, view.height, eq.channels(), eq.bytes_per_sample());
      ScopedStageTimer t(times, Stage::kReproject);
      Remap(eq, table, view_image);
    };

    // With masks, every view is remapped first (detection and the sphere merge need them all).
    std::vector<Image> frame_views;
    std::vector<Image> objects;
    if (masker && !task->views_to_write.empty()) {
      frame_views.resize(rig.views.size());
      tbb::parallel_for(std::size_t{0}, rig.views.size(), [&](std::size_t v) {
        try {
          remap_into(v, frame_views[v]);
        } catch (const std::exception& e) {
          record_error(e);
        }
      });
      if (!task->error.empty()) return task;
      if (options.masking.ObjectMasks()) {
        try {
          ScopedStageTimer t(times, Stage::kMask);
          std::vector<const Image*> views;
          for (const Image& im : frame_views) views.push_back(&im);
          MaskPhaseTimes phase;
          objects = masker->ObjectMasks(views, phase);
          std::lock_guard lock(mask_times_mutex);
          result.mask_times.Add(phase);
        } catch (const std::exception& e) {
          record_error(e);
          return task;
        }
      }
    }

    // Work items: the views to write, then the equirect frame itself.
    const std::size_t items = task->views_to_write.size() + (task->write_equirect ? 1 : 0);
    tbb::parallel_for(std::size_t{0}, items, [&](std::size_t k) {
      if (InterruptRequested()) return;
      try {
        if (k == task->views_to_write.size()) {
          encode_and_write(eq, EquirectPath(equirect_dir, src.frame_name, options.format),
                           [&](std::vector<std::uint8_t> encoded) {
                             PanoramaMetadata meta;
                             meta.width = eq.width();
                             meta.height = eq.height();
                             meta.source_name = src.source_name;
                             meta.source = src.metadata;
                             return EmbedPanoramaMetadata(encoded, options.format, meta);
                           });
          task->equirect_written = true;
          return;
        }
        const std::size_t v = task->views_to_write[k];
        const View& view = rig.views[v];
        Image* view_image = nullptr;
        if (masker) {
          view_image = &frame_views[v];
          // Masks are written before their image: an image that exists has its masks (--resume).
          Image dilated;  // the view's objects grown by --dilate, for both kinds of mask
          std::optional<Image> file;
          Image sfm;
          {
            ScopedStageTimer t(times, Stage::kMask);
            if (!objects.empty()) dilated = masker->Dilated(objects[v]);
            if (options.masking.ownership) sfm = masker->SfmMaskFile(dilated, v);
            if (!objects.empty()) file = masker->ObjectMaskFile(std::move(dilated));
          }
          if (file) {
            write_mask(*file, ObjectMaskPath(out, options.masking.style, view, src.frame_name, options.format));
            masks.fetch_add(1);
          }
          if (options.masking.ownership) {
            write_mask(sfm, SfmMaskPath(out, view, src.frame_name, options.format));
            sfm_masks.fetch_add(1);
          }
        } else {
          auto& mine = buffers.local();
          auto [it, fresh] =
              mine.try_emplace(BufferKey{view.width, view.height, eq.channels(), eq.bytes_per_sample()});
          view_image = &it->second;
          remap_into(v, *view_image);
        }
        encode_and_write(*view_image, ViewPath(out, view, src.frame_name, options.format),
                         [&](std::vector<std::uint8_t> encoded) {
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
                           meta.source_name = src.source_name;
                           meta.source = src.metadata;
                           return EmbedViewMetadata(encoded, options.format, meta);
                         });
        written.fetch_add(1);
      } catch (const std::exception& e) {
        record_error(e);
      }
    });
    task->views_written = written.load();
    task->masks_written = masks.load();
    task->sfm_masks_written = sfm_masks.load();
    task->equirect = Image();  // release the panorama before the next frame is admitted
    return task;
  };

  auto finish = [&](std::shared_ptr<FrameTask> task) {
    const SourceFrame& src = task->src;
    const std::int64_t skipped = static_cast<std::int64_t>(rig.views.size() - task->views_to_write.size());
    result.views_skipped_existing += skipped;
    result.views_written += static_cast<std::int64_t>(task->views_written);
    result.equirect_written += task->equirect_written ? 1 : 0;
    result.masks_written += static_cast<std::int64_t>(task->masks_written);
    result.sfm_masks_written += static_cast<std::int64_t>(task->sfm_masks_written);
    FrameRecord record{src.frame_name, src.path.empty() ? src.source_name : src.path, false, src.decision};
    if (!task->error.empty()) {
      result.failures.push_back({src.path.empty() ? src.source_name : src.path, task->error});
      // The finish stage is serial, so warnings never interleave.
      if (options.warn) options.warn("skipped " + task->error);
    } else if (task->NothingToDo()) {
      ++result.frames_already_done;
      ++result.frames_done;
      record.ok = true;
    } else if (task->views_written == task->views_to_write.size() &&
               task->equirect_written == task->write_equirect) {
      ++result.frames_done;
      record.ok = true;
    }
    result.frames.push_back(std::move(record));
    progress.Update(++frames_seen);
  };

  tbb::parallel_pipeline(
      in_flight,
      tbb::make_filter<void, std::shared_ptr<FrameTask>>(tbb::filter_mode::serial_in_order, source_stage) &
          tbb::make_filter<std::shared_ptr<FrameTask>, std::shared_ptr<FrameTask>>(tbb::filter_mode::parallel,
                                                                                   decode) &
          tbb::make_filter<std::shared_ptr<FrameTask>, std::shared_ptr<FrameTask>>(tbb::filter_mode::parallel,
                                                                                   render) &
          tbb::make_filter<std::shared_ptr<FrameTask>, void>(tbb::filter_mode::serial_in_order, finish));
  progress.Finish();
  result.interrupted = InterruptRequested();

  if (!source_failure.empty()) {
    const nlohmann::ordered_json described = source.Describe();
    result.failures.push_back({described.value("file", std::string("source")), source_failure});
    if (options.warn) options.warn(source_failure);
  }
  result.frames_total = frames_seen;
  // A run stopped early still counts what the source said was coming.
  if (result.interrupted || !source_failure.empty()) result.frames_total = std::max(frames_seen, expected);
  result.source = source.Describe();
  result.dropped = source.Dropped();
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

SplitResult RunSplit(const SplitOptions& options) {
  ImageListSource source(options.inputs);
  return RunSplit(options, source);
}

}  // namespace prep360
