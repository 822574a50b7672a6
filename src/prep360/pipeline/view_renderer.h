#pragma once
// The split pipeline's render stage: one decoded panorama -> its views (remap), their object
// masks (detect on all views, merge on the sphere), then per view: mask files, the encoded image
// with its EXIF/XMP, written atomically; and the equirect frame itself when the dataset keeps it.
// Masks are written before their image, so an image that exists has its masks (resume).
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>
#include <vector>

#include <oneapi/tbb/enumerable_thread_specific.h>

#include "prep360/detect/sphere_faces.h"
#include "prep360/gpu/gpu_remap.h"
#include "prep360/image/encode_settings.h"
#include "prep360/image/metadata.h"
#include "prep360/pipeline/cancel_token.h"
#include "prep360/pipeline/dataset_layout.h"
#include "prep360/mask/frame_masker.h"
#include "prep360/pipeline/frame_task.h"
#include "prep360/pipeline/stage_timer.h"
#include "prep360/reproject/remap_table.h"

namespace prep360 {

class FrameAnnotator;

// The XMP/EXIF of one view image cut from `frame`.
ViewMetadata ViewMetadataFor(const View& view, const SourceFrame& frame);
// The GPano XMP/EXIF of an equirect frame.
PanoramaMetadata PanoramaMetadataFor(const Image& equirect, const SourceFrame& frame);

class ViewRenderer {
 public:
  // masker: null without masks; faces: null without face blur. All references must outlive the
  // renderer.
  ViewRenderer(const Rig& rig, const DatasetLayout& layout, const EncodeSettings& encode, RemapCache& cache,
               const FrameMasker* masker, StageTimes& times, const SphereFaceDetector* faces = nullptr);

  // Renders and writes `task`; a failure is recorded in task.error (task.disk_full when the disk
  // filled up). Thread-safe: several frames render at once.
  void Render(FrameTask& task, const CancelToken& cancel);

  // Remap on this CUDA device from now on (null: the CPU); it must outlive the renderer.
  void UseGpu(GpuRemapper* gpu) { gpu_ = gpu; }

  MaskPhaseTimes mask_times() const;
  // Detections, text and blurred panoramas per frame (frame_annotator.h); null: none.
  void SetAnnotator(FrameAnnotator* annotator) { annotator_ = annotator; }
  // Faces found on the sphere (summed over frames) and face regions blurred in views.
  std::int64_t faces_found() const { return faces_found_.load(); }
  std::int64_t face_regions_blurred() const { return face_regions_blurred_.load(); }

 private:
  // The views the frame writes, remapped on gpu_ with one upload of the frame.
  std::vector<Image> RemapOnGpu(const Image& equirect, FrameTask& task);
  // The views of a frame NVDEC left on the GPU (DecodeRequest::keep_on_device), which is then
  // released.
  std::vector<Image> RemapDecodedOnGpu(FrameTask& task);
  void RemapInto(std::size_t view, const Image& equirect, Image& out);
  // The sphere-consistent object mask of every view (empty without object masks).
  std::vector<Image> DetectObjects(const Image& equirect, FrameTask& task);
  // Writes the view's mask files; returns (object masks, SfM masks) written.
  std::pair<int, int> WriteMasks(std::size_t view, const std::vector<Image>& objects, const FrameTask& task);
  // Blurs the frame's faces that view v shows.
  void BlurFaces(std::size_t v, const std::vector<SphereFace>& faces, Image& image);
  void WriteView(std::size_t view, const Image& image, const SourceFrame& src);
  void WriteEquirect(const Image& equirect, const SourceFrame& src);
  void WriteMask(const Image& mask, const std::filesystem::path& path);
  // Encodes, splices `meta` (EXIF/XMP) unless metadata is off, writes atomically.
  template <class Embed>
  void EncodeAndWrite(const Image& image, const std::filesystem::path& path, Embed&& embed);
  Image& ThreadBuffer(const View& view, const Image& like);

  const Rig& rig_;
  const DatasetLayout& layout_;
  const EncodeSettings& encode_;
  RemapCache& cache_;
  const FrameMasker* masker_;
  StageTimes& times_;
  const SphereFaceDetector* faces_;
  GpuRemapper* gpu_ = nullptr;
  FrameAnnotator* annotator_ = nullptr;
  std::vector<ViewRays> rays_;  // for face blur
  std::atomic<std::int64_t> faces_found_{0}, face_regions_blurred_{0};
  mutable std::mutex mask_times_mutex_;
  MaskPhaseTimes mask_times_;
  // Output buffers, one per (thread, view size, channels, depth): reused for every frame.
  using BufferKey = std::tuple<int, int, int, int>;
  tbb::enumerable_thread_specific<std::map<BufferKey, Image>> buffers_;
};

}  // namespace prep360
