#pragma once
// What split/run find on each panorama besides masks, written next to the views:
//   detect.write   detections/<view>/<frame>.json per output view, in the `prep360 detect` shape
//                  ({"image", "width", "height", "detections": [{"class", "score", "box",
//                  "object"}]}, boxes in view pixels), and detections.json: per frame, the objects
//                  merged on the sphere ({"id", "class", "score", "yaw", "pitch", "radius_deg",
//                  "views": [{"view", "box"}]}); "object" in a view's file is the object's id.
//   ocr.read       text.json: per frame, each text line once ({"text", "score", "yaw", "pitch",
//                  "views": [{"view", "box"}]}), read on the detection rig, de-duplicated on the
//                  sphere.
//   privacy.blur_equirect  blurred_equirect/<frame>.<ext>: the panorama with the sphere-merged
//                  faces blurred (equirect inputs).
// Detections and text are found on the detection rig (detect/detection_rig.h), so an object or a
// line across an output view boundary is one entry listing both views.
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/detect/sphere_faces.h"
#include "prep360/detect/sphere_objects.h"
#include "prep360/detect/sphere_text.h"
#include "prep360/job/job_document.h"
#include "prep360/pipeline/dataset_layout.h"
#include "prep360/pipeline/frame_index.h"
#include "prep360/pipeline/frame_source.h"

namespace prep360 {

class Segmenter;

class FrameAnnotator {
 public:
  // Whether the job asks for anything this class writes.
  static bool Wanted(const JobDocument& job);
  // Loads the models (a bad model fails here, before any output); folders are made when written.
  // loaded: a warm model for detect.model (may be null).
  FrameAnnotator(const JobDocument& job, const Rig& rig, const DatasetLayout& layout,
                 std::shared_ptr<const SourceProjection> projection, std::shared_ptr<Segmenter> loaded);
  ~FrameAnnotator();

  // Detects, reads and writes what the job asks for one frame; `faces` are the frame's
  // sphere-merged faces (privacy.blur faces). Thread-safe.
  void Annotate(const Image& frame, const SourceFrame& src, const std::vector<SphereFace>& faces);
  // Writes detections.json and text.json, or a shard's parts of them (scale/index_parts.h); on
  // resume, the frames not done again are kept.
  void Finish() const;
  // The report's "detections", "ocr" and "blurred_equirect" sections (those the job asks for).
  nlohmann::ordered_json Report() const;

 private:
  nlohmann::ordered_json ObjectsJson(const std::vector<SphereObject>& objects, bool text,
                                     std::vector<nlohmann::ordered_json>* per_view) const;
  void WriteViewDetections(const std::string& frame, const std::vector<nlohmann::ordered_json>& per_view) const;
  void WriteBlurredEquirect(const Image& frame, const SourceFrame& src, const std::vector<SphereFace>& faces);
  void WriteIndex(const FrameIndexFile& index, const FrameIndex& frames) const;

  const JobDocument& job_;
  const Rig& rig_;
  const DatasetLayout& layout_;
  std::vector<ViewRays> rays_;
  std::unique_ptr<SphereDetector> detector_;
  std::unique_ptr<SphereTextReader> reader_;
  mutable std::mutex mutex_;
  FrameIndex objects_, texts_;
  std::int64_t objects_found_ = 0, view_detections_ = 0, texts_found_ = 0, text_view_entries_ = 0;
  std::int64_t blurred_written_ = 0;
};

}  // namespace prep360
