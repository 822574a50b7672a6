#include "prep360/pipeline/ocr_job.h"

#include <atomic>
#include <filesystem>
#include <memory>
#include <mutex>

#include <nlohmann/json.hpp>

#include "prep360/detect/sphere_text.h"
#include "prep360/ocr/ocr_json.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

Json TextJson(const ImageSlot& slot, const std::vector<OcrText>& texts) {
  return {{"image", slot.rel},
          {"width", slot.width},
          {"height", slot.height},
          {"text", Json(OcrJson(texts).at("text"))}};
}

}  // namespace

OcrJobResult RunOcrJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
  // First: a missing model fails before the inputs are listed.
  const OcrPipeline pipeline(OcrModelPathsFor(job.ocr), OcrOptionsFor(job.ocr, std::string(NameOf(job.ocr.device)), 1),
                             [&observer](const std::string& line) { observer.OnWarning("warning: " + line); });
  OcrJobResult result;
  result.provider = pipeline.provider();
  std::atomic<std::int64_t> texts{0};
  std::mutex times_mutex;
  const fs::path out_root(job.output);
  ImageSteps steps;
  steps.infer = [&](const std::vector<ImageSlot*>& slots) {
    for (ImageSlot* slot : slots) {
      OcrTimes times;
      slot->result = std::make_shared<std::vector<OcrText>>(pipeline.Read(*slot->image, &times));
      const std::lock_guard<std::mutex> lock(times_mutex);
      result.times += times;
    }
  };
  steps.finish = [&](ImageSlot& slot) {
    const auto& found = *std::static_pointer_cast<std::vector<OcrText>>(slot.result);
    texts.fetch_add(static_cast<std::int64_t>(found.size()));
    const fs::path out = (out_root / slot.rel).replace_extension(".json");
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    WriteTextFileAtomic(out.string(), TextJson(slot, found).dump(2) + "\n");
  };
  result.images = RunImageJob(job, "ocr", observer, cancel, steps);
  result.texts = texts.load();
  const ImageJobResult& r = result.images;
  WriteImageJobReport(job, {{"command", "ocr"},
                            {"inputs", job.inputs},
                            {"output", job.output},
                            {"models",
                             {{"detector", job.ocr.det_model},
                              {"recognizer", job.ocr.rec_model},
                              {"angle", job.ocr.angle ? job.ocr.cls_model : std::string()},
                              {"provider", result.provider}}},
                            {"counts",
                             {{"images", r.images},
                              {"done", r.done},
                              {"failed", r.failed},
                              {"texts", result.texts},
                              {"interrupted", r.interrupted}}},
                            {"timing_s",
                             {{"wall", r.wall_s},
                              {"read", r.read_s},
                              {"decode", r.decode_s},
                              {"detection", result.times.detection_s},
                              {"angle", result.times.angle_s},
                              {"recognition", result.times.recognition_s},
                              {"ocr", r.work_s},
                              {"write", r.finish_s}}}});
  return result;
}

}  // namespace prep360
