#include "prep360/pipeline/split_report.h"

#include <fmt/format.h>

#include "prep360/util/atomic_file.h"
#include "prep360/version.h"

namespace prep360 {
namespace {

double PerOutputMs(const SplitResult& r) {
  const std::int64_t outputs = r.views_written + r.equirect_written;
  return outputs > 0 ? r.wall_seconds * 1000.0 / static_cast<double>(outputs) : 0.0;
}

void AddDecision(nlohmann::ordered_json& j, const FrameDecision& d) {
  j["index"] = d.index;
  j["time_s"] = d.time_s;
  j["window"] = d.window;
  if (d.sharpness) j["sharpness"] = *d.sharpness;
  if (d.motion) j["motion_deg"] = *d.motion;
}

}  // namespace

nlohmann::ordered_json SplitReportJson(const SplitOptions& options, const SplitResult& result) {
  nlohmann::ordered_json j;
  j["tool"] = "prep360";
  j["version"] = PREP360_VERSION;
  j["command"] = options.command;
  j["ok"] = result.ok();
  j["interrupted"] = result.interrupted;
  nlohmann::ordered_json settings;
  settings["rig"] = result.rig.name;
  settings["equirect_dir"] = options.equirect_dir;
  settings["views"] = result.rig.views.size();
  settings["format"] = FormatExtension(options.format);
  settings["jpeg_quality"] = options.encode.jpeg_quality;
  settings["jpeg_subsampling"] = options.encode.jpeg_subsample_420 ? "420" : "444";
  settings["png_compression"] = options.encode.png_compression;
  settings["interpolation"] = InterpolationName(options.interpolation);
  settings["resume"] = options.resume;
  settings["metadata"] = options.write_metadata;
  settings["threads"] = result.threads;
  j["settings"] = settings;
  nlohmann::ordered_json counts;
  counts["inputs"] = result.frames_total;
  counts["frames_done"] = result.frames_done;
  counts["frames_already_done"] = result.frames_already_done;
  counts["frames_failed"] = result.failures.size();
  counts["views_written"] = result.views_written;
  counts["views_skipped_existing"] = result.views_skipped_existing;
  counts["equirect_written"] = result.equirect_written;
  counts["masks_written"] = result.masks_written;
  counts["sfm_masks_written"] = result.sfm_masks_written;
  counts["frames_dropped"] = result.dropped.size();
  j["counts"] = counts;
  j["source"] = result.source;
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const auto& f : result.failures) failures.push_back({{"file", f.path}, {"error", f.message}});
  j["failures"] = failures;
  nlohmann::ordered_json timing;
  timing["wall_s"] = result.wall_seconds;
  timing["ms_per_output_image"] = PerOutputMs(result);
  nlohmann::ordered_json stages;
  for (std::size_t s = 0; s < result.stage_seconds.size(); ++s) {
    const auto items = result.stage_items[s];
    stages[std::string(StageName(static_cast<Stage>(s)))] = {
        {"busy_s", result.stage_seconds[s]},
        {"items", items},
        {"ms_per_item", items > 0 ? result.stage_seconds[s] * 1000.0 / static_cast<double>(items) : 0.0}};
  }
  timing["stages"] = stages;
  timing["remap_table_build_s"] = result.remap_table_build_seconds;
  j["timing"] = timing;
  if (options.masking.Any()) {
    const MaskingOptions& m = options.masking;
    const MaskPhaseTimes& t = result.mask_times;
    nlohmann::ordered_json mask;
    mask["model"] = m.detect ? m.segmenter.model_path : "";
    mask["provider"] = result.mask_provider;
    mask["device"] = m.segmenter.device;
    mask["classes"] = m.segmenter.classes;
    mask["conf"] = m.segmenter.conf;
    mask["iou"] = m.segmenter.iou;
    mask["style"] = MaskStyleName(m.style);
    mask["dilate_px"] = m.dilate_px;
    mask["invert"] = m.invert;
    mask["nadir_deg"] = m.nadir_deg;
    mask["ownership"] = m.ownership;
    mask["sphere_width"] = result.mask_sphere_width;
    mask["busy_s"] = {{"preprocess", t.model.preprocess_s},
                      {"inference", t.model.inference_s},
                      {"postprocess", t.model.postprocess_s},
                      {"sphere_merge", t.merge_s},
                      {"write", result.stage_seconds[static_cast<std::size_t>(Stage::kMaskWrite)]}};
    j["mask"] = mask;
  }
  j["memory"] = {{"peak_rss_mb", static_cast<double>(result.peak_rss_bytes) / (1024.0 * 1024.0)},
                 {"remap_tables_mb", static_cast<double>(result.remap_table_bytes) / (1024.0 * 1024.0)}};
  nlohmann::ordered_json views = nlohmann::ordered_json::array();
  for (const View& v : result.rig.views) {
    const Pinhole cam = v.Camera();
    views.push_back({{"name", v.name},
                     {"yaw", v.yaw_deg},
                     {"pitch", v.pitch_deg},
                     {"roll", v.roll_deg},
                     {"hfov", v.hfov_deg},
                     {"vfov", cam.VfovDeg()},
                     {"width", v.width},
                     {"height", v.height},
                     {"fx", cam.fx}});
  }
  j["rig"] = views;
  nlohmann::ordered_json frames = nlohmann::ordered_json::array();
  for (const FrameRecord& f : result.frames) {
    nlohmann::ordered_json fj{{"name", f.name}, {"source", f.source}, {"ok", f.ok}};
    if (f.decision) AddDecision(fj, *f.decision);
    frames.push_back(fj);
  }
  j["frames"] = frames;
  nlohmann::ordered_json dropped = nlohmann::ordered_json::array();
  for (const FrameDecision& d : result.dropped) {
    nlohmann::ordered_json dj;
    AddDecision(dj, d);
    dropped.push_back(dj);
  }
  j["dropped_frames"] = dropped;
  return j;
}

void WriteSplitReport(const std::string& path, const SplitOptions& options, const SplitResult& result) {
  WriteTextFileAtomic(path, SplitReportJson(options, result).dump(2) + "\n");
}

std::string FormatSplitSummary(const SplitResult& r) {
  std::string s = fmt::format(
      "{} of {} frames done ({} already done), {} views written, {} existing kept, {} failed{}\n",
      r.frames_done, r.frames_total, r.frames_already_done, r.views_written, r.views_skipped_existing,
      r.failures.size(), r.interrupted ? ", INTERRUPTED" : "");
  if (r.equirect_written > 0) s += fmt::format("{} equirect frames written\n", r.equirect_written);
  if (!r.dropped.empty()) s += fmt::format("{} frames dropped for too little motion\n", r.dropped.size());
  s += fmt::format("wall {:.2f} s on {} threads, {:.1f} ms per output image, peak RSS {:.0f} MB\n", r.wall_seconds,
                   r.threads, PerOutputMs(r), static_cast<double>(r.peak_rss_bytes) / (1024.0 * 1024.0));
  s += "stage        busy s    items   ms/item\n";
  for (std::size_t i = 0; i < r.stage_seconds.size(); ++i) {
    if (r.stage_items[i] == 0) continue;
    s += fmt::format("{:<10} {:>8.2f} {:>8} {:>9.2f}\n", StageName(static_cast<Stage>(i)), r.stage_seconds[i],
                     r.stage_items[i], r.stage_seconds[i] * 1000.0 / static_cast<double>(r.stage_items[i]));
  }
  if (r.masks_written > 0 || r.sfm_masks_written > 0 || !r.mask_provider.empty()) {
    const MaskPhaseTimes& t = r.mask_times;
    s += fmt::format("masks: {} object, {} SfM; model on {}: pre-process {:.2f} s, inference {:.2f} s, "
                     "post-process {:.2f} s; sphere merge {:.2f} s\n",
                     r.masks_written, r.sfm_masks_written, r.mask_provider.empty() ? "-" : r.mask_provider,
                     t.model.preprocess_s, t.model.inference_s, t.model.postprocess_s, t.merge_s);
  }
  s += fmt::format("remap tables: {:.0f} MB, built in {:.2f} s\n",
                   static_cast<double>(r.remap_table_bytes) / (1024.0 * 1024.0), r.remap_table_build_seconds);
  return s;
}

}  // namespace prep360
