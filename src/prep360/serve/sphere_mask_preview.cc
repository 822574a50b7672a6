#include "prep360/serve/sphere_mask_preview.h"

#include <algorithm>

#include "prep360/mask/frame_masker.h"
#include "prep360/mask/mask_ops.h"
#include "prep360/mask/sphere_mask.h"
#include "prep360/serve/inference_gate.h"

namespace prep360::serve {

std::shared_ptr<const Image> SphereMaskCache::Find(const std::string& key) {
  const std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key != key) continue;
    entries_.splice(entries_.begin(), entries_, it);
    return entries_.front().mask;
  }
  return nullptr;
}

std::shared_ptr<const Image> SphereMaskCache::Get(const std::string& key, const Image& pano,
                                                  const std::shared_ptr<Segmenter>& model, InferenceGate& gate) {
  if (auto hit = Find(key)) return hit;
  const std::lock_guard<std::mutex> computing(compute_);
  if (auto hit = Find(key)) return hit;  // computed while this request waited
  MaskingOptions options;
  options.mask.objects = true;
  options.segmenter.loaded = model;
  const int width = std::max(2, std::min(kPreviewSphereWidth, pano.width() + pano.width() % 2));
  const FrameMasker masker(Rig{}, width, options);
  MaskPhaseTimes times;
  std::shared_ptr<const Image> mask;
  {
    const InferenceGate::Slot slot(gate);
    mask = std::make_shared<const Image>(masker.SphereObjects(pano, times));
  }
  const std::lock_guard<std::mutex> lock(mutex_);
  ++computed_;
  entries_.push_front(Entry{key, mask});
  while (entries_.size() > capacity_) entries_.pop_back();
  return mask;
}

std::size_t SphereMaskCache::computed() const {
  const std::lock_guard<std::mutex> lock(mutex_);
  return computed_;
}

Image EquirectMaskPreview(const Image& sphere, double nadir, int dilate, int width) {
  const int height = width / 2;
  Image out(width, height, 1, 1);
  for (int y = 0; y < height; ++y) {
    const std::uint8_t* src = sphere.Row(static_cast<int>((static_cast<long>(y) * 2 + 1) * sphere.height() / (2L * height)));
    std::uint8_t* row = out.Row(y);
    for (int x = 0; x < width; ++x) row[x] = src[(static_cast<long>(x) * 2 + 1) * sphere.width() / (2L * width)];
  }
  if (nadir >= 0) SphereMasker::AddNadir(out, nadir);
  DilateMask(out, dilate);
  return out;
}

Image ViewMaskPreview(const Image& sphere, double nadir, int dilate, const View& view) {
  Image eq = sphere.Clone();
  if (nadir >= 0) SphereMasker::AddNadir(eq, nadir);
  Rig rig;
  rig.views = {view};
  Image out = SphereMasker(rig, eq.width()).ToView(eq, 0);
  DilateMask(out, dilate);
  return out;
}

}  // namespace prep360::serve
