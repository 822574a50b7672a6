#include "prep360/pipeline/split_job.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numbers>
#include <memory>

#include <oneapi/tbb/parallel_pipeline.h>
#include <oneapi/tbb/task_arena.h>

#include "prep360/export/colmap_rig.h"
#include "prep360/gpu/remap_device.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/dataset_layout.h"
#include "prep360/pipeline/dataset_sink.h"
#include "prep360/pipeline/frame_annotator.h"
#include "prep360/pipeline/split_report.h"
#include "prep360/pipeline/view_renderer.h"
#include "prep360/rig/rig_json.h"
#include "prep360/scale/shard.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/util/resources.h"

namespace prep360 {
namespace fs = std::filesystem;
namespace {

using Clock = std::chrono::steady_clock;
using TaskPtr = std::shared_ptr<FrameTask>;

// The width of the sphere mask: the panorama's, or less when the views are coarser (the
// sphere then matches the finest view's angular resolution at its centre, fx = W / 2pi).
int SphereMaskWidth(const Rig& rig, int eq_width) {
  double fx = 0;
  for (const View& v : rig.views) fx = std::max(fx, v.Camera().fx);
  const int matched = static_cast<int>(std::ceil(std::numbers::pi * fx)) * 2;  // 2*pi*fx, even
  return std::max(2, std::min(eq_width + eq_width % 2, matched));
}

// The rig with every view sized (extract: no rig).
Rig ResolveRig(const JobDocument& job, FrameSource& source) {
  if (job.command == JobCommand::kExtract) return Rig{};
  Rig rig = job.rig.Build();
  if (rig.views.empty()) throw Error("the rig has no views");
  bool need_size = false;
  for (const View& v : rig.views) need_size |= (v.width == 0 || v.height == 0);
  return need_size ? ResolveViewSizes(rig, source.EquirectWidth()) : rig;
}

DatasetLayout LayoutFor(const JobDocument& job) {
  using E = DatasetLayout::Equirect;
  const E equirect = job.command == JobCommand::kExtract ? E::kRoot : job.dataset.keep_equirect ? E::kSubfolder : E::kNone;
  return DatasetLayout(job.output, job.encode.format, job.mask.style, equirect);
}

// The face detector for /privacy/blur faces: its detection views match the sharpest output view.
std::unique_ptr<SphereFaceDetector> MakeFaceBlur(const JobDocument& job, const Rig& rig,
                                                 std::shared_ptr<const SourceProjection> projection) {
  double px_per_rad = 0;
  for (const View& v : rig.views) px_per_rad = std::max(px_per_rad, v.Camera().fx);
  FaceDetectorOptions options;
  options.model = job.privacy.face_model;
  options.device = std::string(NameOf(job.detect.device));
  options.min_score = static_cast<float>(job.privacy.face_score);
  return std::make_unique<SphereFaceDetector>(options, px_per_rad, std::move(projection));
}

// Everything a job holds while it runs.
struct SplitRun {
  SplitRun(const JobDocument& j, FrameSource& s, JobObserver& o, const CancelToken& c)
      : job(j), source(s), observer(o), cancel(c), rig(ResolveRig(j, s)), layout(LayoutFor(j)) {}

  const JobDocument& job;
  FrameSource& source;
  JobObserver& observer;
  const CancelToken& cancel;
  Rig rig;
  DatasetLayout layout;
  std::unique_ptr<FrameMasker> masker;
  std::unique_ptr<SphereFaceDetector> faces;
  std::unique_ptr<GpuRemapper> gpu;  // null: views are remapped on the CPU
  std::unique_ptr<FrameAnnotator> annotator;
  int sphere_width = 0;
  StageTimes times;
  std::unique_ptr<RemapCache> cache;
  std::unique_ptr<ViewRenderer> renderer;
  std::unique_ptr<DatasetSink> sink;
  std::string source_failure;
  std::shared_ptr<Segmenter> model;  // shared, loaded; null: the masker loads job.detect.model
};

// The model loads and the folder is checked before anything is written, so a bad model or a
// mixed dataset leaves no output behind. The rig files and job.json come first, so a stopped run
// still leaves a consistent dataset.
void Prepare(SplitRun& run) {
  const JobDocument& job = run.job;
  if (job.mask.Any() && !run.rig.views.empty()) {
    run.sphere_width = SphereMaskWidth(run.rig, run.source.EquirectWidth());
    MaskingOptions masking = MaskingOptionsFor(job);
    masking.segmenter.loaded = run.model;
    run.masker = std::make_unique<FrameMasker>(run.rig, run.sphere_width, masking, run.source.Projection());
  }
  if (job.privacy.blur == BlurTarget::kFaces && !run.rig.views.empty()) run.faces = MakeFaceBlur(job, run.rig, run.source.Projection());
  if (FrameAnnotator::Wanted(job) && !run.rig.views.empty()) {
    run.annotator = std::make_unique<FrameAnnotator>(job, run.rig, run.layout, run.source.Projection(), run.model);
  }
  const std::string rig_json = run.rig.views.empty() ? std::string() : RigToJson(run.rig);
  const Json document = JobToJson(job);
  // Shards run side by side: none may take another's files in progress for a killed run's.
  const bool remove_stale_temps = job.runtime.shard.empty();
  run.layout.Prepare(document, run.rig, rig_json, job.mask, job.dataset, remove_stale_temps);
  if (!run.rig.views.empty()) {
    WriteTextFileAtomic(run.layout.RigFile().string(), rig_json);
    WriteColmapRigExport(run.layout.root().string(), run.rig);
  }
  WriteTextFileAtomic(run.layout.JobFile().string(), JobRecordText(job));
  run.cache = std::make_unique<RemapCache>(run.rig, job.rig.interpolation, run.source.Projection());
  run.renderer = std::make_unique<ViewRenderer>(run.rig, run.layout, job.encode, *run.cache, run.masker.get(), run.times,
                                                run.faces.get());
  if (!run.rig.views.empty()) {
    run.gpu = RemapperForDevice(job.detect.device,
                                [&run](const std::string& line) { run.observer.OnWarning("warning: " + line); });
    run.renderer->UseGpu(run.gpu.get());
  }
  run.renderer->SetAnnotator(run.annotator.get());
  run.sink = std::make_unique<DatasetSink>(run.rig.views.size(), run.observer);
}

// Source stage (serial): the next frame and what it still needs (resume skips existing files).
TaskPtr NextFrame(SplitRun& run, tbb::flow_control& fc) {
  if (run.cancel.cancelled() || run.sink->stopped()) {
    fc.stop();
    return nullptr;
  }
  auto task = std::make_shared<FrameTask>();
  try {
    if (!run.source.Next(task->src, run.times)) {
      fc.stop();
      return nullptr;
    }
  } catch (const std::exception& e) {
    run.source_failure = e.what();
    fc.stop();
    return nullptr;
  }
  const bool resume = run.job.dataset.resume;
  const std::string& frame = task->src.frame_name;
  for (std::size_t v = 0; v < run.rig.views.size(); ++v) {
    if (resume && fs::exists(run.layout.ViewImage(run.rig.views[v].name, frame))) continue;
    task->views_to_write.push_back(v);
  }
  task->write_equirect = run.layout.has_equirect() && !(resume && fs::exists(run.layout.EquirectFrame(frame)));
  return task;
}

// Decode stage (parallel).
TaskPtr DecodeFrame(SplitRun& run, TaskPtr task) {
  if (task->NothingToDo()) return task;
  DecodeRequest request;
  // Detectors run on the detection rig, which reads the whole sphere.
  const bool detectors = run.faces != nullptr || run.annotator != nullptr ||
                         (run.masker != nullptr && run.masker->segmenter() != nullptr);
  if (!run.layout.has_equirect() && !detectors) {
    request.rows = [&run](int w, int h) { return run.cache->SourceRows(w, h); };
  }
  request.output_format = run.job.encode.format;
  request.read_metadata = run.job.encode.metadata;
  // Frames NVDEC decoded stay on the GPU when only the views need them.
  request.keep_on_device = run.gpu != nullptr && !run.layout.has_equirect() && !detectors && run.masker == nullptr &&
                           run.source.Projection() == nullptr;
  try {
    task->equirect = run.source.Decode(task->src, request, run.times);
  } catch (const std::exception& e) {
    task->error = e.what();
  }
  return task;
}

SplitResult Collect(SplitRun& run, Clock::time_point start) {
  SplitResult result;
  DatasetSink& sink = *run.sink;
  run.observer.OnFinish(run.times);
  if (!run.source_failure.empty()) {
    sink.SourceFailed(run.source.Describe().value("file", std::string("source")), run.source_failure);
  }
  result.counts = std::move(sink.counts());
  result.counts.interrupted = run.cancel.cancelled();
  result.counts.frames_total = sink.frames_seen();
  // A job stopped early still counts what the source said was coming.
  if (result.counts.interrupted || !run.source_failure.empty() || result.counts.disk_full) {
    result.counts.frames_total = std::max(sink.frames_seen(), run.source.ExpectedFrames());
  }
  DatasetRecord& record = result.record;
  record.rig = run.rig;
  record.frames = std::move(sink.frames());
  record.source = run.source.Describe();
  record.dropped = run.source.Dropped();
  record.mask_provider = run.masker ? run.masker->provider() : std::string();
  record.mask_sphere_width = run.sphere_width;
  record.faces_found = run.renderer->faces_found();
  record.face_regions_blurred = run.renderer->face_regions_blurred();
  record.face_provider = run.faces ? run.faces->provider() : std::string();
  if (run.annotator) {
    run.annotator->Finish();
    record.annotations = run.annotator->Report();
  }
  SplitTiming& timing = result.timing;
  for (std::size_t s = 0; s < timing.stage_seconds.size(); ++s) {
    timing.stage_seconds[s] = run.times.Seconds(static_cast<Stage>(s));
    timing.stage_items[s] = run.times.Items(static_cast<Stage>(s));
  }
  timing.mask_times = run.renderer->mask_times();
  timing.remap_table_bytes = run.cache->MemoryBytes();
  timing.remap_table_build_seconds = run.cache->build_seconds();
  timing.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  timing.peak_rss_bytes = PeakRssBytes();
  return result;
}

}  // namespace

SplitResult RunSplit(const JobDocument& job, FrameSource& source, JobObserver& observer, const CancelToken& cancel,
                     std::shared_ptr<Segmenter> model) {
  const auto start = Clock::now();
  const int threads = job.runtime.threads > 0 ? job.runtime.threads : HardwareThreads();
  tbb::task_arena arena(threads);  // per job, so concurrent jobs keep their own thread count
  SplitRun run(job, source, observer, cancel);
  run.model = std::move(model);
  SplitResult result;
  arena.execute([&] {
    Prepare(run);
    observer.OnStart(std::string(NameOf(job.command)), source.ExpectedFrames());
    const int in_flight = job.runtime.frames_in_flight > 0 ? job.runtime.frames_in_flight : threads + 1;
    using tbb::filter_mode;
    tbb::parallel_pipeline(
        static_cast<std::size_t>(in_flight),
        tbb::make_filter<void, TaskPtr>(filter_mode::serial_in_order,
                                        [&](tbb::flow_control& fc) { return NextFrame(run, fc); }) &
            tbb::make_filter<TaskPtr, TaskPtr>(filter_mode::parallel,
                                               [&](TaskPtr t) { return DecodeFrame(run, std::move(t)); }) &
            tbb::make_filter<TaskPtr, TaskPtr>(filter_mode::parallel,
                                               [&](TaskPtr t) {
                                                 run.renderer->Render(*t, cancel);
                                                 return t;
                                               }) &
            tbb::make_filter<TaskPtr, void>(filter_mode::serial_in_order, [&](TaskPtr t) { run.sink->Finish(*t); }));
    result = Collect(run, start);
    source.WriteRecords(run.layout.root().string());
  });
  result.timing.threads = threads;
  try {
    WriteSplitReport(JobReportFile(run.layout.root(), job).string(), job, result);
  } catch (const DiskFullError&) {
    // A job stopped by a full disk (told once already) may have no room left for its report;
    // the caller still gets the result.
    if (!result.counts.disk_full) throw;
  }
  return result;
}

}  // namespace prep360
