#include "prep360/pipeline/detect_job.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "prep360/detect/box_detector.h"
#include "prep360/job/job_options.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

Json DetectionsJson(const std::string& rel, const Image& image, const std::vector<LabelledBox>& boxes) {
  Json dets = Json::array();
  for (const LabelledBox& b : boxes) {
    dets.push_back({{"class", b.label}, {"score", b.score}, {"box", {b.x0, b.y0, b.x1, b.y1}}});
  }
  return {{"image", rel}, {"width", image.width()}, {"height", image.height()}, {"detections", dets}};
}

}  // namespace

DetectJobResult RunDetectJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
  // First: a bad model fails before the folder is read.
  const BoxDetector detector(SegmenterOptionsFor(job.detect, job.runtime.threads));
  DetectJobResult result;
  result.model = detector.path();
  result.kind = detector.kind();
  result.provider = detector.provider();
  std::atomic<std::int64_t> detections{0};
  const fs::path out_root(job.output);
  result.images = RunImageJob(job, "detect", observer, cancel, [&](const std::string& rel, Image& image) {
    const std::vector<LabelledBox> boxes = detector.Detect({&image}).at(0);
    detections.fetch_add(static_cast<std::int64_t>(boxes.size()));
    const fs::path out = (out_root / rel).replace_extension(".json");
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    WriteTextFileAtomic(out.string(), DetectionsJson(rel, image, boxes).dump(2) + "\n");
  });
  result.detections = detections.load();
  Json report = {{"command", "detect"},
                 {"inputs", job.inputs},
                 {"output", job.output},
                 {"model", {{"path", result.model}, {"kind", result.kind}, {"provider", result.provider}}},
                 {"counts",
                  {{"images", result.images.images},
                   {"done", result.images.done},
                   {"failed", result.images.failed},
                   {"detections", result.detections},
                   {"interrupted", result.images.interrupted}}},
                 {"timing_s",
                  {{"wall", result.images.wall_s},
                   {"read", result.images.read_s},
                   {"decode", result.images.decode_s},
                   {"detect_and_write", result.images.work_s}}}};
  WriteImageJobReport(job, report);
  return result;
}

}  // namespace prep360
