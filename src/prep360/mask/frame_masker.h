#pragma once
// Masks for one frame's views in split/run: objects are detected on the detection rig
// (detect/detection_rig.h: 22 overlapping views at the model's input size, independent of the
// output rig, so an object cut by an output view's edge is whole in some detection view), merged
// on the sphere (SphereMasker: one equirect mask per frame, reprojected into every output view, so
// overlapping views agree), optionally joined by the nadir cap, dilated, and turned into each tool's file
// polarity (255 = keep, 0 = ignore). Ownership masks (COLMAP-style SfM masks) give each
// panorama direction to the nearest view centre; they are combined with the object masks.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "prep360/detect/segmenter.h"
#include "prep360/image/image.h"
#include "prep360/mask/mask_settings.h"
#include "prep360/mask/mask_style.h"
#include "prep360/rig/rig.h"

namespace prep360 {

class SourceProjection;

// What a FrameMasker does (the job document's mask group) and the model it runs when
// mask.objects is set.
struct MaskingOptions {
  MaskSettings mask;
  SegmenterOptions segmenter;
};

// Busy thread-seconds of the masking phases (the report's mask breakdown).
struct MaskPhaseTimes {
  MaskTimes model;       // pre-process, inference, post-process
  double merge_s = 0;    // views -> sphere -> views, nadir

  void Add(const MaskPhaseTimes& other) {
    model.preprocess_s += other.model.preprocess_s;
    model.inference_s += other.model.inference_s;
    model.postprocess_s += other.model.postprocess_s;
    merge_s += other.merge_s;
  }
};

class FrameMasker {
 public:
  // rig: sizes set. eq_width: the width of the sphere mask. Loads the model when options.detect.
  // projection: how the source frames map to the sphere (null: equirect).
  FrameMasker(const Rig& rig, int eq_width, const MaskingOptions& options,
              std::shared_ptr<const SourceProjection> projection = nullptr);
  ~FrameMasker();

  // The object mask of every view (255 = object), sphere-consistent, from a source frame as the
  // split pipeline decodes it. Thread-safe; adds this call's phase times to `times` (not
  // synchronised: pass a per-call struct).
  std::vector<Image> ObjectMasks(const Image& frame, MaskPhaseTimes& times) const;
  // The step before: the objects on the sphere (equirect of eq_width, 255 = object), without the
  // nadir cap. With an empty rig, a FrameMasker makes only this (the web UI's mask preview).
  Image SphereObjects(const Image& frame, MaskPhaseTimes& times) const;
  // The object mask grown by --dilate (a copy; the input is kept).
  Image Dilated(const Image& object_mask) const;
  // The mask file from a dilated object mask, in file polarity. nullopt when the view has
  // nothing masked and the style writes no empty masks.
  std::optional<Image> ObjectMaskFile(Image dilated_objects) const;
  // The SfM mask for view `view`: its ownership mask with the dilated objects (empty: none) removed.
  Image SfmMaskFile(const Image& dilated_objects, std::size_t view) const;

  std::string provider() const;  // "" without a model
  bool ObjectMasksWanted() const { return options_.mask.ObjectMasks(); }
  bool ownership() const { return options_.mask.ownership; }
  const Segmenter* segmenter() const { return segmenter_.get(); }

 private:
  MaskingOptions options_;
  std::shared_ptr<Segmenter> segmenter_;
  struct Sphere;
  std::unique_ptr<Sphere> sphere_;
  std::vector<Image> ownership_;  // per view, when options.ownership
};

}  // namespace prep360
