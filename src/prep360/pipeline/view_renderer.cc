#include "prep360/pipeline/view_renderer.h"

#include <atomic>
#include <chrono>

#include <oneapi/tbb/parallel_for.h>

#include "prep360/gpu/gpu_view_remap.h"
#include "prep360/pipeline/frame_annotator.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace fs = std::filesystem;

ViewMetadata ViewMetadataFor(const View& view, const SourceFrame& frame) {
  const Pinhole cam = view.Camera();
  ViewMetadata meta;
  meta.width = view.width;
  meta.height = view.height;
  meta.focal_px = cam.fx;
  meta.yaw_deg = view.yaw_deg;
  meta.pitch_deg = view.pitch_deg;
  meta.roll_deg = view.roll_deg;
  meta.hfov_deg = view.hfov_deg;
  meta.vfov_deg = cam.VfovDeg();
  meta.view_name = view.name;
  meta.source_name = frame.source_name;
  meta.source = frame.metadata;
  return meta;
}

PanoramaMetadata PanoramaMetadataFor(const Image& equirect, const SourceFrame& frame) {
  PanoramaMetadata meta;
  meta.width = equirect.width();
  meta.height = equirect.height();
  meta.source_name = frame.source_name;
  meta.source = frame.metadata;
  return meta;
}

ViewRenderer::ViewRenderer(const Rig& rig, const DatasetLayout& layout, const EncodeSettings& encode,
                           RemapCache& cache, const FrameMasker* masker, StageTimes& times,
                           const SphereFaceDetector* faces)
    : rig_(rig), layout_(layout), encode_(encode), cache_(cache), masker_(masker), times_(times), faces_(faces) {
  if (faces_ != nullptr) {
    for (const View& v : rig_.views) rays_.emplace_back(v.Camera(), v.PanoFromCam());
  }
}

void ViewRenderer::BlurFaces(std::size_t v, const std::vector<SphereFace>& faces, Image& image) {
  if (faces.empty()) return;
  ScopedStageTimer t(times_, Stage::kFaces);
  const std::vector<BlurRegion> regions = FaceRegionsInView(faces, rays_[v]);
  BlurRegions(image, regions);
  face_regions_blurred_.fetch_add(static_cast<std::int64_t>(regions.size()));
}

MaskPhaseTimes ViewRenderer::mask_times() const {
  std::lock_guard lock(mask_times_mutex_);
  return mask_times_;
}

void ViewRenderer::RemapInto(std::size_t v, const Image& eq, Image& out) {
  const View& view = rig_.views[v];
  const RemapTable& table = cache_.Get(v, eq.width(), eq.height());
  if (out.empty()) out = Image(view.width, view.height, eq.channels(), eq.bytes_per_sample());
  ScopedStageTimer t(times_, Stage::kReproject);
  Remap(eq, table, out);
}

Image& ViewRenderer::ThreadBuffer(const View& view, const Image& like) {
  auto& mine = buffers_.local();
  auto [it, fresh] = mine.try_emplace(BufferKey{view.width, view.height, like.channels(), like.bytes_per_sample()});
  return it->second;
}

template <class Embed>
void ViewRenderer::EncodeAndWrite(const Image& image, const fs::path& path, Embed&& embed) {
  std::vector<std::uint8_t> encoded;
  {
    ScopedStageTimer t(times_, Stage::kEncode);
    encoded = EncodeImage(image, layout_.format(), encode_.codec);
  }
  if (encode_.metadata) {
    ScopedStageTimer t(times_, Stage::kMetadata);
    encoded = embed(std::move(encoded));
  }
  ScopedStageTimer t(times_, Stage::kWrite);
  WriteFileAtomic(path.string(), encoded);
}

void ViewRenderer::WriteMask(const Image& mask, const fs::path& path) {
  ScopedStageTimer t(times_, Stage::kMaskWrite);
  EncodeOptions png;
  png.png_compression = 1;
  WriteFileAtomic(path.string(), EncodeImage(mask, ImageFormat::kPng, png));
}

void ViewRenderer::WriteView(std::size_t v, const Image& image, const SourceFrame& src) {
  const View& view = rig_.views[v];
  EncodeAndWrite(image, layout_.ViewImage(view.name, src.frame_name), [&](std::vector<std::uint8_t> encoded) {
    return EmbedViewMetadata(encoded, layout_.format(), ViewMetadataFor(view, src));
  });
}

void ViewRenderer::WriteEquirect(const Image& eq, const SourceFrame& src) {
  EncodeAndWrite(eq, layout_.EquirectFrame(src.frame_name), [&](std::vector<std::uint8_t> encoded) {
    return EmbedPanoramaMetadata(encoded, layout_.format(), PanoramaMetadataFor(eq, src));
  });
}

std::vector<Image> ViewRenderer::RemapOnGpu(const Image& eq, FrameTask& task) {
  std::vector<Image> views(rig_.views.size());
  try {  // one upload for every view the frame writes
    ScopedStageTimer t(times_, Stage::kReproject);
    RemapViewsOnDevice(*gpu_, cache_, rig_, eq, task.views_to_write, views);
  } catch (const std::exception& e) {
    task.error = e.what();
  }
  return views;
}

std::vector<Image> ViewRenderer::RemapDecodedOnGpu(FrameTask& task) {
  std::vector<Image> views(rig_.views.size());
  try {  // converted on the device, every view remapped from it, nothing through the host
    ScopedStageTimer t(times_, Stage::kReproject);
    SemiPlanarFrame planes;
    YuvToRgbCoeffs coeffs;
    if (!task.src.video.DeviceYuv(&planes, &coeffs)) throw Error(task.src.Label() + ": a GPU frame the GPU cannot convert");
    RemapYuvViewsOnDevice(*gpu_, cache_, planes, coeffs, task.views_to_write, views);
  } catch (const std::exception& e) {
    task.error = e.what();
  }
  task.src.video = VideoFrame();  // give the decoder its buffer back
  return views;
}

std::vector<Image> ViewRenderer::DetectObjects(const Image& equirect, FrameTask& task) {
  if (!masker_->ObjectMasksWanted()) return {};
  try {
    // One call per frame: its time goes to the mask stage, its items are the views (below).
    const auto start = std::chrono::steady_clock::now();
    MaskPhaseTimes phase;
    std::vector<Image> objects = masker_->ObjectMasks(equirect, phase);
    times_.Add(Stage::kMask, std::chrono::steady_clock::now() - start, 0);
    std::lock_guard lock(mask_times_mutex_);
    mask_times_.Add(phase);
    return objects;
  } catch (const std::exception& e) {
    task.error = e.what();
    return {};
  }
}

std::pair<int, int> ViewRenderer::WriteMasks(std::size_t v, const std::vector<Image>& objects, const FrameTask& task) {
  const View& view = rig_.views[v];
  Image dilated;  // the view's objects grown by the dilation, for both kinds of mask
  std::optional<Image> file;
  Image sfm;
  {
    ScopedStageTimer t(times_, Stage::kMask);
    if (!objects.empty()) dilated = masker_->Dilated(objects[v]);
    if (masker_->ownership()) sfm = masker_->SfmMaskFile(dilated, v);
    if (!objects.empty()) file = masker_->ObjectMaskFile(std::move(dilated));
  }
  if (file) WriteMask(*file, layout_.ObjectMask(view.name, task.src.frame_name));
  if (masker_->ownership()) WriteMask(sfm, layout_.SfmMask(view.name, task.src.frame_name));
  return {file ? 1 : 0, masker_->ownership() ? 1 : 0};
}

void ViewRenderer::Render(FrameTask& task, const CancelToken& cancel) {
  if (!task.error.empty() || task.NothingToDo()) return;
  const Image& eq = task.equirect;
  std::vector<Image> views, objects;
  std::vector<SphereFace> faces;  // found once per frame, blurred in every view that shows them
  if (faces_ != nullptr && !task.views_to_write.empty()) {
    try {
      ScopedStageTimer t(times_, Stage::kFaces);
      faces = faces_->Detect(eq);
    } catch (const std::exception& e) {
      task.error = e.what();
      return;
    }
    faces_found_.fetch_add(static_cast<std::int64_t>(faces.size()));
  }
  if (annotator_ != nullptr && !task.views_to_write.empty()) {
    try {
      annotator_->Annotate(eq, task.src, faces);
    } catch (const std::exception& e) {
      task.error = e.what();
      task.disk_full |= dynamic_cast<const DiskFullError*>(&e) != nullptr;
      return;
    }
  }
  if (gpu_ != nullptr && !task.views_to_write.empty() && eq.empty() && task.src.video.on_device()) {
    views = RemapDecodedOnGpu(task);
    if (!task.error.empty()) return;
  } else if (gpu_ != nullptr && !task.views_to_write.empty()) {
    views = RemapOnGpu(eq, task);
    if (!task.error.empty()) return;
  }
  if (masker_ != nullptr && !task.views_to_write.empty()) {
    objects = DetectObjects(eq, task);
    if (!task.error.empty()) return;
  }
  std::atomic<std::size_t> written{0}, masks{0}, sfm_masks{0};
  std::mutex error_mutex;
  // Work items: the views to write, then the equirect frame itself.
  const std::size_t items = task.views_to_write.size() + (task.write_equirect ? 1 : 0);
  tbb::parallel_for(std::size_t{0}, items, [&](std::size_t k) {
    if (cancel.cancelled()) return;
    try {
      if (k == task.views_to_write.size()) {
        WriteEquirect(eq, task.src);
        task.equirect_written = true;
        return;
      }
      const std::size_t v = task.views_to_write[k];
      Image* image = nullptr;
      if (masker_ != nullptr) {
        const auto [object_files, sfm_files] = WriteMasks(v, objects, task);
        masks.fetch_add(static_cast<std::size_t>(object_files));
        sfm_masks.fetch_add(static_cast<std::size_t>(sfm_files));
      }
      if (!views.empty()) {
        image = &views[v];
      } else {
        Image& buffer = ThreadBuffer(rig_.views[v], eq);
        RemapInto(v, eq, buffer);
        image = &buffer;
      }
      BlurFaces(v, faces, *image);
      WriteView(v, *image, task.src);
      written.fetch_add(1);
    } catch (const std::exception& e) {
      std::lock_guard lock(error_mutex);
      if (task.error.empty()) task.error = e.what();
      task.disk_full |= dynamic_cast<const DiskFullError*>(&e) != nullptr;
    }
  });
  task.views_written = written.load();
  task.masks_written = masks.load();
  task.sfm_masks_written = sfm_masks.load();
  task.equirect = Image();  // release the panorama before the next frame is admitted
}

}  // namespace prep360
