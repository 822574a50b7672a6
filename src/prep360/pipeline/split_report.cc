#include "prep360/pipeline/split_report.h"

#include <filesystem>

#include <fmt/format.h>

#include "prep360/scale/shard.h"
#include "prep360/util/atomic_file.h"
#include "prep360/version.h"

namespace prep360 {
namespace {

double PerOutputMs(const SplitResult& r) {
  const std::int64_t outputs = r.counts.views_written + r.counts.equirect_written;
  return outputs > 0 ? r.timing.wall_seconds * 1000.0 / static_cast<double>(outputs) : 0.0;
}

std::string EquirectDir(const JobDocument& job) {
  if (job.command == JobCommand::kExtract) return job.output;
  return job.dataset.keep_equirect ? (std::filesystem::path(job.output) / "equirect").string() : std::string();
}

nlohmann::ordered_json SettingsJson(const JobDocument& job, const SplitResult& result) {
  nlohmann::ordered_json settings;
  settings["rig"] = result.record.rig.name;
  settings["equirect_dir"] = EquirectDir(job);
  settings["views"] = result.record.rig.views.size();
  settings["format"] = FormatExtension(job.encode.format);
  settings["jpeg_quality"] = job.encode.codec.jpeg_quality;
  settings["jpeg_subsampling"] = std::string(NameOf(job.encode.codec.jpeg_subsampling));
  settings["png_compression"] = job.encode.codec.png_compression;
  settings["interpolation"] = InterpolationName(job.rig.interpolation);
  settings["resume"] = job.dataset.resume;
  settings["metadata"] = job.encode.metadata;
  settings["threads"] = result.timing.threads;
  return settings;
}

nlohmann::ordered_json CountsJson(const SplitResult& result) {
  const SplitCounts& c = result.counts;
  nlohmann::ordered_json counts;
  counts["inputs"] = c.frames_total;
  counts["frames_done"] = c.frames_done;
  counts["frames_already_done"] = c.frames_already_done;
  counts["frames_failed"] = c.failures.size();
  counts["views_written"] = c.views_written;
  counts["views_skipped_existing"] = c.views_skipped_existing;
  counts["equirect_written"] = c.equirect_written;
  counts["masks_written"] = c.masks_written;
  counts["sfm_masks_written"] = c.sfm_masks_written;
  counts["frames_dropped"] = result.record.dropped.size();
  return counts;
}

nlohmann::ordered_json TimingJson(const SplitResult& result) {
  const SplitTiming& t = result.timing;
  nlohmann::ordered_json timing;
  timing["wall_s"] = t.wall_seconds;
  timing["ms_per_output_image"] = PerOutputMs(result);
  nlohmann::ordered_json stages;
  for (std::size_t s = 0; s < t.stage_seconds.size(); ++s) {
    const auto items = t.stage_items[s];
    stages[std::string(StageName(static_cast<Stage>(s)))] = {
        {"busy_s", t.stage_seconds[s]},
        {"items", items},
        {"ms_per_item", items > 0 ? t.stage_seconds[s] * 1000.0 / static_cast<double>(items) : 0.0}};
  }
  timing["stages"] = stages;
  timing["remap_table_build_s"] = t.remap_table_build_seconds;
  return timing;
}

nlohmann::ordered_json MaskJson(const JobDocument& job, const SplitResult& result) {
  const MaskSettings& m = job.mask;
  const MaskPhaseTimes& t = result.timing.mask_times;
  nlohmann::ordered_json mask;
  mask["model"] = m.objects ? job.detect.model : "";
  mask["provider"] = result.record.mask_provider;
  mask["device"] = std::string(NameOf(job.detect.device));
  mask["classes"] = job.detect.classes;
  mask["conf"] = static_cast<float>(job.detect.conf);
  mask["iou"] = static_cast<float>(job.detect.iou);
  mask["style"] = MaskStyleName(m.style);
  mask["dilate_px"] = m.dilate;
  mask["invert"] = m.invert;
  mask["nadir_deg"] = m.nadir;
  mask["ownership"] = m.ownership;
  mask["sphere_width"] = result.record.mask_sphere_width;
  mask["busy_s"] = {{"preprocess", t.model.preprocess_s},
                    {"inference", t.model.inference_s},
                    {"postprocess", t.model.postprocess_s},
                    {"sphere_merge", t.merge_s},
                    {"write", result.timing.stage_seconds[static_cast<std::size_t>(Stage::kMaskWrite)]}};
  return mask;
}

void AddDecision(nlohmann::ordered_json& j, const FrameDecision& d) {
  j["index"] = d.index;
  j["time_s"] = d.time_s;
  j["window"] = d.window;
  if (d.sharpness) j["sharpness"] = *d.sharpness;
  if (d.motion) j["motion_deg"] = *d.motion;
}

}  // namespace

nlohmann::ordered_json SplitReportJson(const JobDocument& job, const SplitResult& result) {
  nlohmann::ordered_json j;
  j["tool"] = "prep360";
  j["version"] = PREP360_VERSION;
  j["command"] = std::string(NameOf(job.command));
  j["ok"] = result.ok();
  j["interrupted"] = result.counts.interrupted;
  j["disk_full"] = result.counts.disk_full;
  j["settings"] = SettingsJson(job, result);
  j["counts"] = CountsJson(result);
  j["source"] = result.record.source;
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  for (const auto& f : result.counts.failures) failures.push_back({{"file", f.path}, {"error", f.message}});
  j["failures"] = failures;
  j["timing"] = TimingJson(result);
  if (job.mask.Any()) j["mask"] = MaskJson(job, result);
  if (job.privacy.blur != BlurTarget::kNone) {
    j["privacy"] = {{"blur", std::string(NameOf(job.privacy.blur))},
                    {"face_model", job.privacy.face_model},
                    {"provider", result.record.face_provider},
                    {"faces_found", result.record.faces_found},
                    {"face_regions_blurred", result.record.face_regions_blurred}};
  }
  for (const auto& [key, value] : result.record.annotations.items()) j[key] = value;
  const SplitTiming& t = result.timing;
  j["memory"] = {{"peak_rss_mb", static_cast<double>(t.peak_rss_bytes) / (1024.0 * 1024.0)},
                 {"remap_tables_mb", static_cast<double>(t.remap_table_bytes) / (1024.0 * 1024.0)}};
  nlohmann::ordered_json views = nlohmann::ordered_json::array();
  for (const View& v : result.record.rig.views) {
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
  for (const FrameRecord& f : result.record.frames) {
    nlohmann::ordered_json fj{{"name", f.name}, {"source", f.source}, {"ok", f.ok}};
    if (f.decision) AddDecision(fj, *f.decision);
    frames.push_back(fj);
  }
  j["frames"] = frames;
  nlohmann::ordered_json dropped = nlohmann::ordered_json::array();
  for (const FrameDecision& d : result.record.dropped) {
    nlohmann::ordered_json dj;
    AddDecision(dj, d);
    dropped.push_back(dj);
  }
  j["dropped_frames"] = dropped;
  AddShardRecord(j, job);
  return j;
}

void WriteSplitReport(const std::string& path, const JobDocument& job, const SplitResult& result) {
  WriteTextFileAtomic(path, SplitReportJson(job, result).dump(2) + "\n");
}

std::string FormatSplitSummary(const SplitResult& r) {
  const SplitCounts& c = r.counts;
  const SplitTiming& t = r.timing;
  const bool views = !r.record.rig.views.empty();
  std::string s = fmt::format("{} of {} frames done ({} already done)", c.frames_done, c.frames_total,
                              c.frames_already_done);
  if (views) s += fmt::format(", {} views written, {} existing kept", c.views_written, c.views_skipped_existing);
  s += fmt::format(", {} failed{}\n", c.failures.size(), c.interrupted ? ", INTERRUPTED" : "");
  if (c.equirect_written > 0) s += fmt::format("{} equirect frames written\n", c.equirect_written);
  if (!r.record.dropped.empty()) s += fmt::format("{} frames dropped for too little motion\n", r.record.dropped.size());
  s += fmt::format("wall {:.2f} s on {} threads, {:.1f} ms per output image, peak RSS {:.0f} MB\n", t.wall_seconds,
                   t.threads, PerOutputMs(r), static_cast<double>(t.peak_rss_bytes) / (1024.0 * 1024.0));
  s += "stage        busy s    items   ms/item\n";
  for (std::size_t i = 0; i < t.stage_seconds.size(); ++i) {
    if (t.stage_items[i] == 0) continue;
    s += fmt::format("{:<10} {:>8.2f} {:>8} {:>9.2f}\n", StageName(static_cast<Stage>(i)), t.stage_seconds[i],
                     t.stage_items[i], t.stage_seconds[i] * 1000.0 / static_cast<double>(t.stage_items[i]));
  }
  if (c.masks_written > 0 || c.sfm_masks_written > 0 || !r.record.mask_provider.empty()) {
    const MaskPhaseTimes& m = t.mask_times;
    s += fmt::format("masks: {} object, {} SfM", c.masks_written, c.sfm_masks_written);
    if (!r.record.mask_provider.empty()) {
      s += fmt::format("; model on {}: pre-process {:.2f} s, inference {:.2f} s, post-process {:.2f} s",
                       r.record.mask_provider, m.model.preprocess_s, m.model.inference_s, m.model.postprocess_s);
    }
    s += fmt::format("; sphere merge {:.2f} s\n", m.merge_s);
  }
  if (views) {
    s += fmt::format("remap tables: {:.0f} MB, built in {:.2f} s\n",
                     static_cast<double>(t.remap_table_bytes) / (1024.0 * 1024.0), t.remap_table_build_seconds);
  }
  return s;
}

}  // namespace prep360
