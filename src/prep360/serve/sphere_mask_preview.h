#pragma once
// The web UI's mask preview on the sphere: a panorama's objects found as split finds them for
// mask.objects (FrameMasker::SphereObjects: the detection rig, merged on the sphere), cached per
// panorama file, model and classes, then shown on the equirect or sampled into one view with
// that view's geometry (SphereMasker::ToView, as split reprojects the sphere into its views), so
// the two overlays agree by construction. Masks here mark objects: 255 = object.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>

#include "prep360/detect/segmenter.h"
#include "prep360/image/image.h"
#include "prep360/rig/rig.h"

namespace prep360::serve {

class InferenceGate;

// The sphere mask's width: the panorama's (even), at most this.
inline constexpr int kPreviewSphereWidth = 2048;

class SphereMaskCache {
 public:
  explicit SphereMaskCache(std::size_t capacity) : capacity_(capacity) {}

  // The objects on the sphere of `pano` (DecodeEquirect's result) as `model` finds them: cached
  // under `key` (the caller's: file, mtime, model, classes), else computed holding a slot of
  // `gate`. One computation at a time: a second request for the same key waits and reuses it.
  std::shared_ptr<const Image> Get(const std::string& key, const Image& pano, const std::shared_ptr<Segmenter>& model,
                                   InferenceGate& gate);
  std::size_t computed() const;  // sphere masks computed so far

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const Image> mask;
  };
  std::shared_ptr<const Image> Find(const std::string& key);

  std::size_t capacity_;
  std::mutex compute_;        // held while computing
  mutable std::mutex mutex_;  // guards entries_ and computed_
  std::list<Entry> entries_;  // most recent first
  std::size_t computed_ = 0;
};

// The sphere mask with the nadir cap (degrees below the horizon; < 0: none) resampled to an
// equirect of width x width/2 (nearest), dilated by `dilate` of its pixels.
Image EquirectMaskPreview(const Image& sphere, double nadir, int dilate, int width);
// The sphere mask with the nadir cap seen by `view` (its size set), dilated by `dilate` view pixels.
Image ViewMaskPreview(const Image& sphere, double nadir, int dilate, const View& view);

}  // namespace prep360::serve
