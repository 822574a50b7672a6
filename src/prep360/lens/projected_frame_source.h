#pragma once
// A frame source whose frames are not equirects (dual fisheye, EAC): wraps the source that reads
// the files (ImageListSource, VideoSource) and decodes its frames itself, into the projection's
// frame with a border repeating the edges. Two lenses in two streams or two files come from a
// companion video reader that follows the main one frame by frame, and are placed side by side.
// With stitch, Decode turns each frame into an equirect (the same remap engine, feathered seam)
// and Projection() is null: extract, and run when it keeps equirect frames. Otherwise
// Projection() makes the views' remap tables sample the frame straight.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "prep360/lens/source_projection.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/reproject/remap_table.h"

namespace prep360 {

class VideoReader;

struct ProjectedSourceOptions {
  std::shared_ptr<const SourceProjection> projection;
  int frame_width = 0, frame_height = 0;  // the projection's frame (both lenses), to size views
  bool stitch = false;
  // Two streams / two files: the second lens's reader, opened at the same start as the main
  // one, and whether its frames go left of the main one's (the main reader holds lens 1).
  std::unique_ptr<VideoReader> companion;
  bool companion_left = false;
  // Set for a shard of a sharded job (scale/shard.h): opens the companion at a time, so that it
  // starts near the shard's first frame instead of reading forward from source.start.
  std::function<std::unique_ptr<VideoReader>(double start_s)> reopen_companion;
  std::string layout = "one frame";  // for report.json: "one frame", "two streams", "two files"
  // When set, makes the projection's frame from the decoded one and the companion's (null when
  // there is none) instead of placing them side by side: EAC tracks go one above the other.
  std::function<Image(const Image& main, const Image* companion, const std::string& name)> assemble;
};

class ProjectedFrameSource final : public FrameSource {
 public:
  ProjectedFrameSource(std::unique_ptr<FrameSource> inner, ProjectedSourceOptions options);
  ~ProjectedFrameSource() override;

  std::int64_t ExpectedFrames() const override { return inner_->ExpectedFrames(); }
  int EquirectWidth() override;
  bool Next(SourceFrame& frame, StageTimes& times) override;
  Image Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const override;
  nlohmann::ordered_json Describe() const override;
  std::vector<FrameDecision> Dropped() const override { return inner_->Dropped(); }
  std::shared_ptr<const SourceProjection> Projection() const override;
  // The inner source's files, and lens_calib.json: the lenses as used (input.lens_calib format,
  // scaled to the frame), so the dataset records them and a later job can take them back.
  void WriteRecords(const std::string& dataset_root) const override;

 private:
  Image DecodeStill(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const;
  Image DecodeVideo(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const;
  Image Stitch(const Image& source, StageTimes& times) const;

  std::unique_ptr<FrameSource> inner_;
  ProjectedSourceOptions options_;
  bool companion_placed_ = false;  // reopen_companion done
  mutable std::mutex mutex_;
  mutable std::map<std::string, VideoFrame> companion_frames_;  // by frame name, until decoded
  mutable std::map<std::pair<int, int>, std::shared_ptr<const RemapTable>> stitch_tables_;
};

}  // namespace prep360
