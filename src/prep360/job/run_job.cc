#include "prep360/job/run_job.h"

#include "prep360/export/dataset_export.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/split_report.h"

namespace prep360 {

bool JobOutcome::interrupted() const {
  switch (command) {
    case JobCommand::kMask: return mask.interrupted;
    case JobCommand::kDetect: return detect.images.interrupted;
    case JobCommand::kBlur: return blur.images.interrupted;
    default: return split.counts.interrupted;
  }
}

std::int64_t JobOutcome::failed() const {
  switch (command) {
    case JobCommand::kMask: return mask.failed;
    case JobCommand::kDetect: return detect.images.failed;
    case JobCommand::kBlur: return blur.images.failed;
    default: return static_cast<std::int64_t>(split.counts.failures.size());
  }
}

JobOutcome RunJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel,
                  std::shared_ptr<Segmenter> model) {
  JobOutcome outcome;
  outcome.command = job.command;
  if (job.command == JobCommand::kMask) {
    outcome.mask = RunMaskJob(job, observer, cancel, std::move(model));
  } else if (job.command == JobCommand::kDetect) {
    outcome.detect = RunDetectJob(job, observer, cancel);
  } else if (job.command == JobCommand::kBlur) {
    outcome.blur = RunBlurJob(job, observer, cancel);
  } else {
    outcome.split = RunSplitJob(job, observer, cancel, std::move(model));
    // The exports need a whole dataset: only after a run without failures or interruption.
    if (outcome.split.ok() && !job.dataset.exports.empty()) {
      outcome.export_lines = RunSplitExports(job.output, job.dataset.exports);
    }
  }
  return outcome;
}

Json JobOutcomeJson(const JobDocument& job, const JobOutcome& outcome) {
  Json j = Json::object();
  if (job.command == JobCommand::kDetect || job.command == JobCommand::kBlur) {
    const ImageJobResult& r = job.command == JobCommand::kDetect ? outcome.detect.images : outcome.blur.images;
    j["counts"] = {{"images", r.images}, {"done", r.done}, {"failed", r.failed}};
    if (job.command == JobCommand::kDetect) j["counts"]["detections"] = outcome.detect.detections;
    if (job.command == JobCommand::kBlur) j["counts"]["faces"] = outcome.blur.faces;
    j["timing"] = {{"wall", r.wall_s}, {"read", r.read_s}, {"decode", r.decode_s}, {"work", r.work_s}};
    j["failures"] = Json::array();
    return j;
  }
  if (job.command != JobCommand::kMask) {
    const nlohmann::ordered_json report = SplitReportJson(job, outcome.split);
    j["counts"] = report.at("counts");
    j["timing"] = report.at("timing");
    j["failures"] = report.value("failures", nlohmann::ordered_json::array());
    return j;
  }
  const MaskJobResult& m = outcome.mask;
  j["counts"] = {{"images", m.images}, {"written", m.written}, {"empty", m.empty}, {"failed", m.failed}};
  j["timing"] = {{"wall", m.wall_s},
                 {"read", m.read_s},
                 {"decode", m.decode_s},
                 {"inference", m.model.inference_s},
                 {"mask_ops", m.mask_ops_s},
                 {"encode", m.encode_s},
                 {"write", m.write_s}};
  j["failures"] = Json::array();
  return j;
}

}  // namespace prep360
