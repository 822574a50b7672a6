#include "prep360/pipeline/blur_job.h"

#include <atomic>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "prep360/detect/face_blur.h"
#include "prep360/image/image_io.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {

namespace fs = std::filesystem;

BlurJobResult RunBlurJob(const JobDocument& job, JobObserver& observer, const CancelToken& cancel) {
  for (const std::string& input : job.inputs) {
    std::error_code ec;
    if (fs::exists(job.output, ec) && fs::equivalent(input, job.output, ec)) {
      throw FileError(job.output, "is the images folder itself; blur writes copies to another folder");
    }
  }
  FaceDetectorOptions options;
  options.model = job.privacy.face_model;
  options.device = std::string(NameOf(job.detect.device));
  options.min_score = static_cast<float>(job.privacy.face_score);
  const FaceDetector detector(options);
  BlurJobResult result;
  result.provider = detector.provider();
  std::atomic<std::int64_t> faces{0};
  const fs::path out_root(job.output);
  result.images = RunImageJob(job, "blur", observer, cancel, [&](const std::string& rel, Image& image) {
    faces.fetch_add(static_cast<std::int64_t>(BlurFaces(image, detector).size()));
    const fs::path out = out_root / rel;
    std::error_code ec;
    fs::create_directories(out.parent_path(), ec);
    WriteFileAtomic(out.string(), EncodeImage(image, FormatFromPath(rel), job.encode.codec));
  });
  result.faces = faces.load();
  const nlohmann::ordered_json report = {
      {"command", "blur"},
      {"inputs", job.inputs},
      {"output", job.output},
      {"face_model", {{"name", job.privacy.face_model}, {"path", detector.model_path()}, {"provider", result.provider}}},
      {"counts",
       {{"images", result.images.images},
        {"written", result.images.done},
        {"failed", result.images.failed},
        {"faces", result.faces},
        {"interrupted", result.images.interrupted}}},
      {"timing_s",
       {{"wall", result.images.wall_s},
        {"read", result.images.read_s},
        {"decode", result.images.decode_s},
        {"detect_blur_encode_write", result.images.work_s}}}};
  WriteImageJobReport(job, report);
  return result;
}

}  // namespace prep360
