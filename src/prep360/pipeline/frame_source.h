#pragma once
// Where the split pipeline's panoramas come from: image files (split) or a video (run,
// extract). The pipeline pulls frames from one serial stage; reading and decoding an image
// file, or converting a decoded video frame to RGB, then happens on the parallel workers.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/image/image_io.h"
#include "prep360/image/metadata.h"
#include "prep360/pipeline/stage_timer.h"
#include "prep360/video/frame_selector.h"
#include "prep360/video/video_reader.h"

namespace prep360 {

struct SourceFrame {
  std::string frame_name;   // output stem: the file's stem, or frame_000123 (source frame index)
  std::string source_name;  // in messages and the views' XMP Source
  std::string path;         // an image file to read and decode; empty for a video frame
  VideoFrame video;         // the decoded video frame when path is empty
  SourceMetadata metadata;  // video: capture time of this frame (images: read from the file)
  std::optional<FrameDecision> decision;  // video: index, time and scores
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
  // Bytes per sample of decoded video frames for an output format (10-bit video stays 16-bit
  // for PNG/TIFF and is converted once to 8-bit for JPEG). Image files decode at their own depth.
  virtual int VideoBytesPerSample(ImageFormat format) const = 0;
  // The "source" section of report.json.
  virtual nlohmann::ordered_json Describe() const = 0;
  // Frames looked at but not kept (e.g. too little motion), for report.json.
  virtual std::vector<FrameDecision> Dropped() const { return {}; }
};

}  // namespace prep360
