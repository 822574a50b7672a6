#pragma once
// Text on the sphere, for panoramas (split/run `ocr.read`): PP-OCR reads the detection rig's
// views (detection_rig.h), so a line cut by an output view's edge is whole in some detection
// view; each line is lifted onto the sphere (SphereObject, label = the text), the same line read
// by several views is one, and a part of a line read where a view's edge cuts it is dropped
// beside the whole line.
#include <memory>
#include <string>
#include <vector>

#include "prep360/detect/ocr_settings.h"
#include "prep360/detect/sphere_objects.h"

namespace prep360 {

class SourceProjection;
struct OcrModelPaths;
struct OcrOptions;

// The PP-OCR model files of the settings (registry names resolved: Error naming scripts/bootstrap
// when one is not installed; /ocr/dictionary when rec_model is a path without one).
OcrModelPaths OcrModelPathsFor(const OcrSettings& settings);
// The pipeline options of the settings; threads: intra-op threads per model (0 = all).
OcrOptions OcrOptionsFor(const OcrSettings& settings, const std::string& device, int threads);

class SphereTextReader {
 public:
  // Resolves the models (registry names: Error naming scripts/bootstrap when not installed).
  // px_per_rad: the output views' largest focal length (the detection views match it).
  SphereTextReader(const OcrSettings& settings, const std::string& device, double px_per_rad,
                   std::shared_ptr<const SourceProjection> projection = nullptr);
  ~SphereTextReader();
  SphereTextReader(const SphereTextReader&) = delete;
  SphereTextReader& operator=(const SphereTextReader&) = delete;

  std::string provider() const;
  // The text lines of a source frame as the split pipeline decodes it. Thread-safe.
  std::vector<SphereObject> Read(const Image& frame) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace prep360
