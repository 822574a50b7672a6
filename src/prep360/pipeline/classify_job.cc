#include "prep360/pipeline/classify_job.h"

#include <atomic>
#include <filesystem>
#include <mutex>

#include <nlohmann/json.hpp>

#include "prep360/detect/classifier.h"
#include "prep360/models/model_registry.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

Json LabelsJson(const std::vector<LabelScore>& labels) {
  Json out = Json::array();
  for (const LabelScore& l : labels) out.push_back({{"label", l.label}, {"score", l.score}});
  return out;
}

Json ResultJson(const ImageSlot& slot, const ClassifyResult& r, bool grid) {
  Json j = {{"image", slot.rel}, {"width", slot.width}, {"height", slot.height}};
  if (!grid) {
    j["labels"] = LabelsJson(r.labels);
    return j;
  }
  Json cells = Json::array();
  for (const CellLabels& c : r.cells) {
    cells.push_back({{"cell", c.cell}, {"box", {c.x0, c.y0, c.x1, c.y1}}, {"labels", LabelsJson(c.labels)}});
  }
  j["cells"] = cells;
  return j;
}

std::int64_t CountLabels(const ClassifyResult& r) {
  std::size_t n = r.labels.size();
  for (const CellLabels& c : r.cells) n += c.labels.size();
  return static_cast<std::int64_t>(n);
}

}  // namespace

ClassifyJobResult RunClassifyJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
  ClassifyJobResult result;
  result.model = ResolveModel(job.classify.model);
  const Classifier classifier(result.model, job.classify.config, std::string(NameOf(job.classify.device)),
                              job.runtime.threads,
                              [&observer](const std::string& line) { observer.OnWarning("warning: " + line); });
  result.provider = classifier.provider();
  const bool grid = !classifier.config().cells.empty();
  const fs::path out_root(job.output);
  std::atomic<std::int64_t> labels{0};
  std::mutex time_mutex;
  ImageSteps steps;
  steps.serial_infer = true;  // the model's own threads use the cores
  steps.footprint = [&classifier](int, int) { return classifier.input_size(); };
  steps.infer = [&](const std::vector<ImageSlot*>& slots) {
    for (ImageSlot* slot : slots) {
      double inference = 0;
      auto r = std::make_shared<ClassifyResult>(classifier.Classify(*slot->image, slot->width, slot->height, &inference));
      slot->result = r;
      std::lock_guard<std::mutex> lock(time_mutex);
      result.inference_s += inference;
    }
  };
  steps.finish = [&](ImageSlot& slot) {
    const ClassifyResult& r = *std::static_pointer_cast<ClassifyResult>(slot.result);
    labels.fetch_add(CountLabels(r));
    const fs::path out = (out_root / slot.rel).replace_extension(".json");
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    WriteTextFileAtomic(out.string(), ResultJson(slot, r, grid).dump(2) + "\n");
  };
  result.images = RunImageJob(job, "classify", observer, cancel, steps);
  result.labels = labels.load();
  const Json report = {{"command", "classify"},
                       {"inputs", job.inputs},
                       {"output", job.output},
                       {"model", {{"path", result.model}, {"provider", result.provider}}},
                       {"counts",
                        {{"images", result.images.images},
                         {"done", result.images.done},
                         {"failed", result.images.failed},
                         {"labels", result.labels},
                         {"interrupted", result.images.interrupted}}},
                       {"timing_s",
                        {{"wall", result.images.wall_s},
                         {"read", result.images.read_s},
                         {"decode", result.images.decode_s},
                         {"inference", result.inference_s},
                         {"classify", result.images.work_s},
                         {"write", result.images.finish_s}}}};
  WriteImageJobReport(job, report);
  return result;
}

}  // namespace prep360
