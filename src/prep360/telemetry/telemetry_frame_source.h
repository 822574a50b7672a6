#pragma once
// A video frame source with telemetry: each kept frame gets the GPS position interpolated to its
// time (written as EXIF GPS on its views and equirect frame), and the dataset gets gps.csv,
// track.geojson and imu.csv (telemetry/track_files.h); a shard of a sharded job writes its part
// of them instead (telemetry/track_parts.h). Everything else is the inner source's.
#include <memory>
#include <vector>

#include "prep360/pipeline/frame_source.h"
#include "prep360/scale/shard.h"
#include "prep360/telemetry/telemetry.h"
#include "prep360/telemetry/track_files.h"

namespace prep360 {

class TelemetryFrameSource final : public FrameSource {
 public:
  TelemetryFrameSource(std::unique_ptr<FrameSource> inner, Telemetry telemetry, Shard shard = {})
      : inner_(std::move(inner)), telemetry_(std::move(telemetry)), shard_(shard) {}

  std::int64_t ExpectedFrames() const override { return inner_->ExpectedFrames(); }
  int EquirectWidth() override { return inner_->EquirectWidth(); }
  bool Next(SourceFrame& frame, StageTimes& times) override;
  Image Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const override {
    return inner_->Decode(frame, request, times);
  }
  nlohmann::ordered_json Describe() const override;
  std::vector<FrameDecision> Dropped() const override { return inner_->Dropped(); }
  std::shared_ptr<const SourceProjection> Projection() const override { return inner_->Projection(); }
  void WriteRecords(const std::string& dataset_root) const override;

 private:
  std::unique_ptr<FrameSource> inner_;
  Telemetry telemetry_;
  Shard shard_;
  std::vector<FramePosition> positions_;
};

// `source` with the telemetry of the job's video (telemetry_reader.h), or `source` itself when
// the file holds none. `shard`: the job's runtime.shard (inactive when not sharded).
std::unique_ptr<FrameSource> WithTelemetry(const std::string& video_path, std::unique_ptr<FrameSource> source,
                                           Shard shard = {});

}  // namespace prep360
