#include "prep360/pipeline/video_source.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "prep360/reproject/remap_table.h"
#include "prep360/scale/video_shard.h"
#include "prep360/video/capture_time.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {

// "; other video streams: stream 1: ..." when the file has more than the one in use.
std::string OtherStreams(const VideoInfo& vi) {
  std::string list;
  for (const VideoStreamInfo& s : vi.video_streams) {
    if (s.index == vi.stream) continue;
    list +=
        (list.empty() ? "; other video streams (/source/stream chooses): " : "; ") + DescribeVideoStream(s);
  }
  return list;
}

}  // namespace

VideoSource::VideoSource(const VideoSourceOptions& options)
    : options_(options), file_name_(std::filesystem::path(options.path).filename().string()) {
  VideoReaderOptions ro;
  ro.threads = options.decoder_threads;
  ro.start_s = options.sampling.start_s;
  ro.stream = options.stream;
  ro.cuda_decode = options.cuda_decode;
  ro.warn = options.warn;
  reader_ = std::make_unique<VideoReader>(options.path, ro);
  const VideoInfo& vi = reader_->info();
  if (vi.width != 2 * vi.height && !options.force) {
    throw FileError(options.path, fmt::format("not an equirectangular video: {}x{} is not 2:1 "
                                              "(/source/force uses it anyway){}",
                                              vi.width, vi.height, OtherStreams(vi)));
  }
  if (!vi.spherical.empty() && vi.spherical != "equirectangular" && !options.force) {
    throw FileError(options.path, "spherical metadata says the projection is " + vi.spherical +
                                      ", not equirectangular (/source/force uses it anyway)");
  }
  if (options.shard.active()) {
    const VideoShardPlan plan = PlanVideoShard(options.path, ro, vi, options.sampling, options.shard, WindowCount(),
                                                reader_->KeyframeTimes());
    options_.sampling.first_window = plan.first_window;
    options_.sampling.end_window = plan.end_window;
    options_.sampling.origin_index = plan.origin_index;
    if (plan.seek_s > ro.start_s) {
      ro.start_s = plan.seek_s;
      ro.cuda_decode = ro.cuda_decode && reader_->nvdec_open();  // a fallback was told once already
      reader_ = std::make_unique<VideoReader>(options.path, ro);
      reader_->SkipUnneededBefore(plan.seek_s);
    }
  }
  selector_ = std::make_unique<FrameSelector>(*reader_, options_.sampling);
}

VideoSource::~VideoSource() = default;

std::int64_t VideoSource::ExpectedFrames() const {
  std::int64_t expected = WindowCount();
  const SamplingOptions& s = options_.sampling;
  if (options_.shard.active()) {
    const std::int64_t origin = s.every == 0 && s.fps <= 0 ? std::max<std::int64_t>(0, s.origin_index) : 0;
    const std::int64_t end = s.end_window >= 0 ? s.end_window - origin : expected;
    expected = std::max<std::int64_t>(0, std::min(expected, end) - (s.first_window - origin));
  }
  if (s.max_frames > 0) expected = std::min(expected, s.max_frames);
  return expected;
}

std::int64_t VideoSource::WindowCount() const {
  const VideoInfo& vi = info();
  const SamplingOptions& s = options_.sampling;
  const double end = s.end_s >= 0 ? std::min(s.end_s, vi.duration_s) : vi.duration_s;
  const double span = std::max(0.0, end - s.start_s);
  double n = 0;
  if (s.fps > 0) {
    n = std::ceil(span * s.fps - 1e-9);
  } else {
    const double frames = vi.fps > 0 ? span * vi.fps : static_cast<double>(vi.frame_count);
    n = s.every > 0 ? std::ceil(frames / s.every - 1e-9) : std::round(frames);
  }
  return static_cast<std::int64_t>(std::max(0.0, n));
}

bool VideoSource::Next(SourceFrame& frame, StageTimes& times) {
  SelectedFrame selected;
  // Decoding (and scoring) of every frame looked at, counted as one item per kept frame.
  const auto start = std::chrono::steady_clock::now();
  const bool got = selector_->Next(selected);
  times.Add(Stage::kDecode, std::chrono::steady_clock::now() - start, got ? 1 : 0);
  if (!got) return false;
  frame = SourceFrame();
  frame.frame_name = fmt::format("frame_{:06d}", selected.decision.index);
  frame.source_name = file_name_;
  frame.video = std::move(selected.frame);
  if (auto t = FrameCaptureTime(info().creation_time, selected.decision.time_s)) {
    frame.metadata.datetime_original = t->datetime;
    frame.metadata.subsec_original = t->subsec;
  }
  frame.decision = selected.decision;
  return true;
}

Image VideoSource::Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const {
  // The conversion to RGB belongs to the frame's decode item (counted by Next). 10-bit video
  // stays 16-bit for PNG/TIFF and is converted once to 8-bit for JPEG.
  const auto start = std::chrono::steady_clock::now();
  const int bytes_per_sample = info().bit_depth > 8 && request.output_format != ImageFormat::kJpeg ? 2 : 1;
  SemiPlanarFrame planes;
  YuvToRgbCoeffs coeffs;
  if (request.keep_on_device && bytes_per_sample == 1 && frame.video.DeviceYuv(&planes, &coeffs)) {
    CheckEquirectSize(planes.width, planes.height, frame.source_name);
    return Image();  // converted and remapped on the GPU (ViewRenderer)
  }
  Image equirect = frame.video.ToImage(bytes_per_sample, kEquirectBorder);
  frame.video = VideoFrame();  // give the decoder its buffer back
  CheckEquirectSize(equirect.width(), equirect.height(), frame.source_name);
  FillEquirectBorder(equirect);
  times.Add(Stage::kDecode, std::chrono::steady_clock::now() - start, 0);
  return equirect;
}

nlohmann::ordered_json VideoSource::Describe() const {
  const VideoInfo& vi = info();
  const SamplingOptions& s = options_.sampling;
  nlohmann::ordered_json j;
  j["kind"] = "video";
  j["file"] = options_.path;
  j["container"] = vi.container;
  j["stream"] = vi.stream;
  j["codec"] = vi.codec;
  j["pixel_format"] = vi.pixel_format;
  j["width"] = vi.width;
  j["height"] = vi.height;
  j["bit_depth"] = vi.bit_depth;
  j["fps"] = vi.fps;
  j["duration_s"] = vi.duration_s;
  j["rotation_deg"] = vi.rotation_deg;
  j["spherical"] = vi.spherical;
  j["creation_time"] = vi.creation_time;
  j["frames_decoded"] = selector_->frames_decoded();
  j["decoder"] = reader_->decoding_on_device() ? "nvdec" : "cpu";
  nlohmann::ordered_json sampling;
  sampling["fps"] = s.fps;
  sampling["every"] = s.every;
  sampling["start_s"] = s.start_s;
  sampling["end_s"] = s.end_s;
  sampling["max_frames"] = s.max_frames;
  sampling["select"] = s.select == SelectMode::kSharpest ? "sharpest" : "first";
  sampling["min_motion_deg"] = s.min_motion;
  j["sampling"] = sampling;
  return j;
}

std::vector<FrameDecision> VideoSource::Dropped() const {
  std::vector<FrameDecision> dropped;
  for (const FrameDecision& d : selector_->decisions()) {
    if (!d.kept) dropped.push_back(d);
  }
  return dropped;
}

}  // namespace prep360
