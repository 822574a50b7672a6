#pragma once
// A 360° video as a frame source (prep360 run, extract): decode, sample, select.
#include <functional>
#include <memory>
#include <string>

#include "prep360/pipeline/frame_source.h"
#include "prep360/scale/shard.h"

namespace prep360 {

struct VideoSourceOptions {
  std::string path;
  SamplingOptions sampling;
  int decoder_threads = 0;  // 0 = all hardware threads
  bool force = false;       // accept frames that are not 2:1
  int stream = -1;          // container index of the video stream; -1: automatic (PickVideoStream)
  Shard shard;              // runtime.shard: only this part of the windows (scale/video_shard.h)
  bool cuda_decode = false;  // decode with NVDEC (VideoReaderOptions::cuda_decode)
  std::function<void(const std::string&)> warn;  // gets the one line when NVDEC falls back
};

class VideoSource final : public FrameSource {
 public:
  // Opens the video and seeks to the start. Throws FileError for a missing file, a file that is
  // not a video, no 360° stream (several video streams, none 2:1 or equirectangular), frames
  // that are not 2:1 (unless force), or a start time at or after the end of the video; Error for
  // bad sampling options.
  explicit VideoSource(const VideoSourceOptions& options);
  ~VideoSource() override;

  const VideoInfo& info() const { return reader_->info(); }

  std::int64_t ExpectedFrames() const override;
  int EquirectWidth() override { return info().width; }
  bool Next(SourceFrame& frame, StageTimes& times) override;
  Image Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const override;
  nlohmann::ordered_json Describe() const override;
  std::vector<FrameDecision> Dropped() const override;

 private:
  // The number of selection windows from source.start to source.end (or the end of the video).
  std::int64_t WindowCount() const;

  VideoSourceOptions options_;
  std::unique_ptr<VideoReader> reader_;
  std::unique_ptr<FrameSelector> selector_;
  std::string file_name_;
};

}  // namespace prep360
