#include "prep360/job/run_job.h"

#include "prep360/export/dataset_export.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/split_report.h"

namespace prep360 {

const ImageJobResult* JobOutcome::images() const {
  switch (command) {
    case JobCommand::kDetect: return &detect.images;
    case JobCommand::kBlur: return &blur.images;
    case JobCommand::kOcr: return &ocr.images;
    case JobCommand::kClassify: return &classify.images;
    default: return nullptr;
  }
}

bool JobOutcome::interrupted() const {
  if (const ImageJobResult* r = images()) return r->interrupted;
  return command == JobCommand::kMask ? mask.interrupted : split.counts.interrupted;
}

std::int64_t JobOutcome::failed() const {
  if (const ImageJobResult* r = images()) return r->failed;
  return command == JobCommand::kMask ? mask.failed : static_cast<std::int64_t>(split.counts.failures.size());
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
  } else if (job.command == JobCommand::kOcr) {
    outcome.ocr = RunOcrJob(job, observer, cancel);
  } else if (job.command == JobCommand::kClassify) {
    outcome.classify = RunClassifyJob(job, observer, cancel);
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
  if (const ImageJobResult* images = outcome.images()) {
    const ImageJobResult& r = *images;
    j["counts"] = {{"images", r.images}, {"done", r.done}, {"failed", r.failed}};
    if (job.command == JobCommand::kDetect) j["counts"]["detections"] = outcome.detect.detections;
    if (job.command == JobCommand::kBlur) j["counts"]["faces"] = outcome.blur.faces;
    if (job.command == JobCommand::kOcr) j["counts"]["texts"] = outcome.ocr.texts;
    if (job.command == JobCommand::kClassify) j["counts"]["labels"] = outcome.classify.labels;
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
