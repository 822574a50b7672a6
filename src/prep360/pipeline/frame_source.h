#pragma once
// Where the split pipeline's panoramas come from: image files (split) or a video (run,
// extract). The pipeline pulls frames from one serial stage; reading and decoding an image
// file, or converting a decoded video frame to RGB, then happens on the parallel workers.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/image/row_range.h"
#include "prep360/pipeline/stage_timer.h"
#include "prep360/video/frame_selector.h"
#include "prep360/video/video_reader.h"

namespace prep360 {

class SourceProjection;

struct SourceFrame {
  std::string frame_name;   // output stem: the file's stem, or frame_000123 (source frame index)
  std::string source_name;  // in messages and the views' XMP Source
  std::string path;         // an image file to read and decode; empty for a video frame
  VideoFrame video;         // the decoded video frame when path is empty
  SourceMetadata metadata;  // video: capture time of this frame (images: read from the file)
  std::optional<FrameDecision> decision;  // video: index, time and scores

  // The input to name in messages and records: the file, or the video's name.
  const std::string& Label() const { return path.empty() ? source_name : path; }
};

// The remap tables' size limits, checked when a frame is decoded so the error names the input:
// "NAME: equirect size 65500x32750 not supported (each side 4..32000)".
void CheckEquirectSize(int width, int height, const std::string& name);

// How a source decodes one of its frames for the pipeline.
struct DecodeRequest {
  // The panorama rows the views read, given its size (only those are decoded where the codec
  // can skip rows); null: every row.
  std::function<RowRange(int width, int height)> rows;
  ImageFormat output_format = ImageFormat::kJpeg;  // 16-bit video stays 16-bit unless JPEG
  bool read_metadata = true;                       // image files: read EXIF/XMP into frame.metadata
  // The caller remaps the views from a frame NVDEC left on the GPU (GpuRemapper::RemapYuvViews)
  // and needs no host pixels: for such a frame Decode checks its size and returns an empty image,
  // leaving frame.video on the device (video/video_reader.h, VideoFrame::DeviceYuv).
  bool keep_on_device = false;
};

class FrameSource {
 public:
  virtual ~FrameSource() = default;
  // For the progress bar; 0 when unknown.
  virtual std::int64_t ExpectedFrames() const = 0;
  // The panorama width that sizes views without a size. Throws Error when there is none.
  virtual int EquirectWidth() = 0;
  // The next frame (called from one thread at a time). False at the end. Throws FileError when
  // the source itself breaks (a damaged stream): the pipeline records it, finishes the frames in
  // flight and stops.
  virtual bool Next(SourceFrame& frame, StageTimes& times) = 0;
  // Decodes a frame Next() gave into an equirect with a border of kEquirectBorder, filled (seam
  // and poles). Called on worker threads, several frames at once. Throws Error naming the input
  // (unreadable, not 2:1, ...): the pipeline records it and goes on.
  virtual Image Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const = 0;
  // The "source" section of report.json.
  virtual nlohmann::ordered_json Describe() const = 0;
  // Frames looked at but not kept (e.g. too little motion), for report.json.
  virtual std::vector<FrameDecision> Dropped() const { return {}; }
  // Null: Decode gives equirects. Otherwise Decode gives frames in this projection, with a border
  // of kEquirectBorder repeating the edges, and views are remapped through it (lens/).
  virtual std::shared_ptr<const SourceProjection> Projection() const { return nullptr; }
  // After the last frame: files the source adds to the dataset (e.g. gps.csv), written atomically.
  virtual void WriteRecords(const std::string& /*dataset_root*/) const {}
};

}  // namespace prep360
