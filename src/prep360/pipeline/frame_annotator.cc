#include "prep360/pipeline/frame_annotator.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "prep360/detect/face_blur.h"
#include "prep360/geometry/equirect.h"
#include "prep360/image/privacy_blur.h"
#include "prep360/job/job_options.h"
#include "prep360/pipeline/view_renderer.h"
#include "prep360/scale/index_parts.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;

namespace {

constexpr double kPi = std::numbers::pi;

double Deg(double rad) { return rad * 180 / kPi; }

double MaxFocal(const Rig& rig) {
  double px_per_rad = 0;
  for (const View& v : rig.views) px_per_rad = std::max(px_per_rad, v.Camera().fx);
  return px_per_rad;
}

// A face's blur ellipse on the equirect (as wide as its angular radius at its latitude), repeated
// one panorama width to each side so a face across the ±180° seam is blurred on both edges.
std::vector<BlurRegion> EquirectRegions(const std::vector<SphereFace>& faces, int width, int height) {
  std::vector<BlurRegion> regions;
  for (const SphereFace& f : faces) {
    const double lon = Longitude(f.centre), lat = Latitude(f.centre);
    const double r = f.radius_rad * 1.05;
    const double cx = (lon + kPi) * width / (2 * kPi), cy = (kPi / 2 - lat) * height / kPi;
    const double cos_lat = std::max(std::cos(std::min(kPi / 2, std::abs(lat) + r)), 1e-3);
    const double rx = std::min(width / 2.0, r / cos_lat * width / (2 * kPi)), ry = r * height / kPi;
    for (const int shift : {-width, 0, width}) regions.push_back({cx + shift, cy, rx, ry});
  }
  return regions;
}

}  // namespace

bool FrameAnnotator::Wanted(const JobDocument& job) {
  return job.detect.write || job.ocr.read || job.privacy.blur_equirect;
}

FrameAnnotator::FrameAnnotator(const JobDocument& job, const Rig& rig, const DatasetLayout& layout,
                               std::shared_ptr<const SourceProjection> projection, std::shared_ptr<Segmenter> loaded)
    : job_(job), rig_(rig), layout_(layout) {
  if (job.privacy.blur_equirect && projection != nullptr) {
    throw Error("/privacy/blur_equirect: the input is not an equirect panorama (input.projection)");
  }
  for (const View& v : rig.views) rays_.emplace_back(v.Camera(), v.PanoFromCam());
  const double px_per_rad = MaxFocal(rig);
  if (job.detect.write) {
    SegmenterOptions options = SegmenterOptionsFor(job.detect, job.runtime.threads);
    options.loaded = std::move(loaded);
    detector_ = std::make_unique<SphereDetector>(options, px_per_rad, projection);
  }
  if (job.ocr.read) {
    // ocr.device auto follows the job's device (detect.device, which --device sets).
    const Device device = job.ocr.device != Device::kAuto ? job.ocr.device : job.detect.device;
    reader_ = std::make_unique<SphereTextReader>(job.ocr, std::string(NameOf(device)), px_per_rad, projection);
  }
}

FrameAnnotator::~FrameAnnotator() = default;

OJson FrameAnnotator::ObjectsJson(const std::vector<SphereObject>& objects, bool text,
                                  std::vector<OJson>* per_view) const {
  OJson out = OJson::array();
  for (std::size_t i = 0; i < objects.size(); ++i) {
    const SphereObject& o = objects[i];
    OJson views = OJson::array();
    for (std::size_t v = 0; v < rays_.size(); ++v) {
      float box[4];
      if (!ObjectBoxInView(o, rays_[v], box)) continue;
      views.push_back({{"view", rig_.views[v].name}, {"box", {box[0], box[1], box[2], box[3]}}});
      if (per_view != nullptr) {
        (*per_view)[v].push_back(
            {{"class", o.label}, {"score", o.score}, {"box", {box[0], box[1], box[2], box[3]}}, {"object", i}});
      }
    }
    OJson entry;
    if (!text) entry["id"] = i;
    entry[text ? "text" : "class"] = o.label;
    entry["score"] = o.score;
    entry["yaw"] = Deg(Longitude(o.centre));
    entry["pitch"] = Deg(Latitude(o.centre));
    entry["radius_deg"] = Deg(o.radius_rad);
    entry["views"] = views;
    out.push_back(entry);
  }
  return out;
}

void FrameAnnotator::WriteViewDetections(const std::string& frame, const std::vector<OJson>& per_view) const {
  for (std::size_t v = 0; v < rig_.views.size(); ++v) {
    const View& view = rig_.views[v];
    const fs::path image = layout_.ViewImage(view.name, frame);
    const OJson j{{"image", (fs::path("images") / view.name / image.filename()).generic_string()},
                  {"width", view.width},
                  {"height", view.height},
                  {"detections", per_view[v]}};
    const fs::path dir = layout_.root() / "detections" / view.name;
    fs::create_directories(dir);
    WriteTextFileAtomic((dir / (frame + ".json")).string(), j.dump(2) + "\n");
  }
}

void FrameAnnotator::WriteBlurredEquirect(const Image& frame, const SourceFrame& src,
                                          const std::vector<SphereFace>& faces) {
  Image blurred = frame.Clone();
  BlurRegions(blurred, EquirectRegions(faces, blurred.width(), blurred.height()));
  std::vector<std::uint8_t> encoded = EncodeImage(blurred, layout_.format(), job_.encode.codec);
  if (job_.encode.metadata) {
    encoded = EmbedPanoramaMetadata(encoded, layout_.format(), PanoramaMetadataFor(blurred, src));
  }
  const fs::path dir = layout_.root() / "blurred_equirect";
  fs::create_directories(dir);
  const fs::path path = dir / layout_.EquirectFrame(src.frame_name).filename();
  WriteFileAtomic(path.string(), encoded);
  std::lock_guard lock(mutex_);
  ++blurred_written_;
}

void FrameAnnotator::Annotate(const Image& frame, const SourceFrame& src, const std::vector<SphereFace>& faces) {
  if (detector_) {
    std::vector<OJson> per_view(rig_.views.size(), OJson::array());
    const std::vector<SphereObject> objects = detector_->Detect(frame);
    OJson json = ObjectsJson(objects, false, &per_view);
    WriteViewDetections(src.frame_name, per_view);
    std::int64_t entries = 0;
    for (const OJson& v : per_view) entries += static_cast<std::int64_t>(v.size());
    std::lock_guard lock(mutex_);
    objects_[src.frame_name] = std::move(json);
    objects_found_ += static_cast<std::int64_t>(objects.size());
    view_detections_ += entries;
  }
  if (reader_) {
    const std::vector<SphereObject> lines = reader_->Read(frame);
    OJson json = ObjectsJson(lines, true, nullptr);
    std::int64_t entries = 0;
    for (const OJson& t : json) entries += static_cast<std::int64_t>(t["views"].size());
    std::lock_guard lock(mutex_);
    texts_[src.frame_name] = std::move(json);
    texts_found_ += static_cast<std::int64_t>(lines.size());
    text_view_entries_ += entries;
  }
  if (job_.privacy.blur_equirect) WriteBlurredEquirect(frame, src, faces);
}

// A shard writes its frames' part of the index (scale/index_parts.h); `prep360 merge` joins them.
void FrameAnnotator::WriteIndex(const FrameIndexFile& index, const FrameIndex& frames) const {
  FrameIndex all = frames;
  const std::string path = IndexPartFile(layout_.root().string(), index, ParseShard(job_.runtime.shard));
  std::error_code ec;
  if (job_.dataset.resume && fs::exists(path, ec)) all.merge(ReadFrameIndex(path, index));  // earlier frames stay
  WriteFrameIndex(path, index, all);
}

void FrameAnnotator::Finish() const {
  std::lock_guard lock(mutex_);
  if (detector_) WriteIndex(kDetectionsIndex, objects_);
  if (reader_) WriteIndex(kTextIndex, texts_);
}

OJson FrameAnnotator::Report() const {
  std::lock_guard lock(mutex_);
  OJson j = OJson::object();
  if (detector_) {
    const BoxDetector& d = detector_->detector();
    j["detections"] = {{"model", d.path()},
                       {"kind", d.kind()},
                       {"provider", d.provider()},
                       {"objects", objects_found_},
                       {"view_detections", view_detections_}};
  }
  if (reader_) j["ocr"] = {{"provider", reader_->provider()}, {"texts", texts_found_}, {"view_entries", text_view_entries_}};
  if (job_.privacy.blur_equirect) j["blurred_equirect"] = {{"frames_written", blurred_written_}};
  return j;
}

}  // namespace prep360
