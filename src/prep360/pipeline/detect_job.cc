#include "prep360/pipeline/detect_job.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <memory>

#include <nlohmann/json.hpp>

#include "prep360/detect/face_detector.h"
#include "prep360/detect/segmenter.h"
#include "prep360/job/job_options.h"
#include "prep360/models/model_registry.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

struct Box {
  std::string label;
  float score;
  float x0, y0, x1, y1;
};

// Either detector behind one call.
class AnyDetector {
 public:
  explicit AnyDetector(const JobDocument& job) {
    path_ = ResolveModel(job.detect.model);
    const std::string& path = path_;
    const RegistryModel* named = FindRegistryModel(job.detect.model);
    const bool face = named != nullptr ? named->task == "face-detection" : LooksLikeBlazeFace(path);
    if (face) {
      FaceDetectorOptions options;
      options.model = path;
      options.device = std::string(NameOf(job.detect.device));
      options.min_score = std::max(options.min_score, static_cast<float>(job.detect.conf));
      faces_ = std::make_unique<FaceDetector>(options);
    } else {
      SegmenterOptions options = SegmenterOptionsFor(job.detect, job.runtime.threads);
      options.detect.model = path;
      segmenter_ = std::make_unique<Segmenter>(options);
    }
  }
  const std::string& path() const { return path_; }
  std::string kind() const { return faces_ ? "face" : segmenter_->info().adapter; }
  std::string provider() const { return faces_ ? faces_->provider() : segmenter_->provider(); }
  std::vector<Box> Detect(const Image& image) const {
    std::vector<Box> out;
    if (faces_) {
      for (const FaceBox& f : faces_->Detect(image)) out.push_back({"face", f.score, f.x0, f.y0, f.x1, f.y1});
      return out;
    }
    const std::vector<SegmentResult> r = segmenter_->Run({&image});
    const std::vector<std::string>& names = segmenter_->info().class_names;
    for (const Detection& d : r.at(0).detections) {
      const auto id = static_cast<std::size_t>(d.class_id);
      out.push_back({id < names.size() ? names[id] : std::to_string(d.class_id), d.score, d.x0, d.y0, d.x1, d.y1});
    }
    return out;
  }

 private:
  // A path: BlazeFace when it has BlazeFace's inputs and outputs.
  static bool LooksLikeBlazeFace(const std::string& path) {
    try {
      FaceDetectorOptions options;
      options.model = path;
      options.device = "cpu";
      FaceDetector probe(options);
      return true;
    } catch (const Error&) {
      return false;  // the segmenter says what is wrong with it, if anything
    }
  }

  std::string path_;  // the resolved model file
  std::unique_ptr<FaceDetector> faces_;
  std::unique_ptr<Segmenter> segmenter_;
};

Json DetectionsJson(const std::string& rel, const Image& image, const std::vector<Box>& boxes) {
  Json dets = Json::array();
  for (const Box& b : boxes) {
    dets.push_back({{"class", b.label}, {"score", b.score}, {"box", {b.x0, b.y0, b.x1, b.y1}}});
  }
  return {{"image", rel}, {"width", image.width()}, {"height", image.height()}, {"detections", dets}};
}

}  // namespace

DetectJobResult RunDetectJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
  const AnyDetector detector(job);  // first: a bad model fails before the folder is read
  DetectJobResult result;
  result.model = detector.path();
  result.kind = detector.kind();
  result.provider = detector.provider();
  std::atomic<std::int64_t> detections{0};
  const fs::path out_root(job.output);
  result.images = RunImageJob(job, "detect", observer, cancel, [&](const std::string& rel, Image& image) {
    const std::vector<Box> boxes = detector.Detect(image);
    detections.fetch_add(static_cast<std::int64_t>(boxes.size()));
    const fs::path out = (out_root / rel).replace_extension(".json");
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    WriteTextFileAtomic(out.string(), DetectionsJson(rel, image, boxes).dump(2) + "\n");
  });
  result.detections = detections.load();
  Json report = {{"command", "detect"},
                 {"images_dir", job.inputs.at(0)},
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
  std::error_code ec;
  fs::create_directories(out_root, ec);
  WriteTextFileAtomic((out_root / "report.json").string(), report.dump(2) + "\n");
  return result;
}

}  // namespace prep360
