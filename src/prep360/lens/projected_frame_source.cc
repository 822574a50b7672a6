#include "prep360/lens/projected_frame_source.h"

#include <cstring>
#include <filesystem>

#include <fmt/format.h>

#include "prep360/reproject/projected_remap.h"
#include "prep360/util/atomic_file.h"
#include "prep360/util/error.h"
#include "prep360/video/video_reader.h"

namespace prep360 {
namespace {

void CheckFrameSize(int width, int height, const std::string& name) {
  if (width < kEquirectBorder || height < kEquirectBorder || width > RemapTable::kMaxEquirectSide ||
      height > RemapTable::kMaxEquirectSide) {
    throw FileError(name, fmt::format("frame size {}x{} not supported (each side {}..{})", width, height,
                                      kEquirectBorder, RemapTable::kMaxEquirectSide));
  }
}

// left | right, one frame (border kEquirectBorder, not filled).
Image SideBySide(const Image& left, const Image& right, const std::string& name) {
  if (left.height() != right.height() || left.channels() != right.channels() ||
      left.bytes_per_sample() != right.bytes_per_sample()) {
    throw FileError(name, fmt::format("the two lenses' frames differ ({}x{} and {}x{})", left.width(), left.height(),
                                      right.width(), right.height()));
  }
  Image out(left.width() + right.width(), left.height(), left.channels(), left.bytes_per_sample(), kEquirectBorder);
  const std::size_t lb = static_cast<std::size_t>(left.width()) * left.bytes_per_pixel();
  const std::size_t rb = static_cast<std::size_t>(right.width()) * right.bytes_per_pixel();
  for (int y = 0; y < out.height(); ++y) {
    std::memcpy(out.Row(y), left.Row(y), lb);
    std::memcpy(out.Row(y) + lb, right.Row(y), rb);
  }
  return out;
}

}  // namespace

ProjectedFrameSource::ProjectedFrameSource(std::unique_ptr<FrameSource> inner, ProjectedSourceOptions options)
    : inner_(std::move(inner)), options_(std::move(options)) {}

ProjectedFrameSource::~ProjectedFrameSource() = default;

int ProjectedFrameSource::EquirectWidth() {
  return options_.projection->EquirectWidth(options_.frame_width, options_.frame_height);
}

std::shared_ptr<const SourceProjection> ProjectedFrameSource::Projection() const {
  return options_.stitch ? nullptr : options_.projection;
}

bool ProjectedFrameSource::Next(SourceFrame& frame, StageTimes& times) {
  if (!inner_->Next(frame, times)) return false;
  if (!options_.companion || !frame.decision) return true;
  // The companion stream's frame of the same index (its reader started at the same time, or at
  // the shard's first frame: indices come from timestamps, so they are the whole run's).
  if (options_.reopen_companion && !companion_placed_) {
    options_.companion = options_.reopen_companion(frame.decision->time_s - 1e-6);
    companion_placed_ = true;
  }
  VideoReader& reader = *options_.companion;
  const std::int64_t index = frame.decision->index;
  reader.SkipUnneededBefore(frame.decision->time_s - 1e-6);
  VideoFrame second;
  while (true) {
    if (!reader.Next(second)) {
      throw FileError(reader.info().path, fmt::format("the second lens's stream ends before frame {}", index));
    }
    if (second.index() >= index) break;
  }
  if (second.index() != index) {
    throw FileError(reader.info().path, fmt::format("the second lens's stream has no frame {}", index));
  }
  std::lock_guard lock(mutex_);
  companion_frames_[frame.frame_name] = std::move(second);
  return true;
}

Image ProjectedFrameSource::DecodeStill(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const {
  std::vector<std::uint8_t> bytes;
  {
    ScopedStageTimer t(times, Stage::kRead);
    bytes = ReadFileBytes(frame.path);
  }
  ScopedStageTimer t(times, Stage::kDecode);
  const ImageInfo info = ReadImageInfo(bytes, frame.path);
  CheckFrameSize(info.width, info.height, frame.path);
  Image image = DecodeImage(bytes, frame.path, kEquirectBorder);
  if (request.read_metadata) frame.metadata = ReadSourceMetadata(bytes);
  if (options_.assemble) return options_.assemble(image, nullptr, frame.path);
  return image;
}

Image ProjectedFrameSource::DecodeVideo(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const {
  VideoFrame second;
  if (options_.companion) {
    std::lock_guard lock(mutex_);
    auto it = companion_frames_.find(frame.frame_name);
    if (it != companion_frames_.end()) {
      second = std::move(it->second);
      companion_frames_.erase(it);
    }
  }
  DecodeRequest all = request;
  all.rows = nullptr;
  Image main = inner_->Decode(frame, all, times);
  if (!options_.companion) {
    if (options_.assemble) return options_.assemble(main, nullptr, frame.source_name);
    return main;
  }
  if (second.empty()) throw FileError(frame.source_name, "the second lens's frame is missing");
  ScopedStageTimer t(times, Stage::kDecode);
  const Image other = second.ToImage(main.bytes_per_sample(), 0);
  if (options_.assemble) return options_.assemble(main, &other, frame.source_name);
  return options_.companion_left ? SideBySide(other, main, frame.source_name)
                                 : SideBySide(main, other, frame.source_name);
}

Image ProjectedFrameSource::Stitch(const Image& source, StageTimes& times) const {
  const int w = options_.projection->EquirectWidth(source.width(), source.height());
  std::shared_ptr<const RemapTable> table;
  {
    std::lock_guard lock(mutex_);
    auto& slot = stitch_tables_[{source.width(), source.height()}];
    if (!slot) {
      slot = BuildProjectedEquirectTable(w, w / 2, *options_.projection, source.width(), source.height(),
                                         Interpolation::kBicubic);
    }
    table = slot;
  }
  ScopedStageTimer t(times, Stage::kReproject);
  Image eq(w, w / 2, source.channels(), source.bytes_per_sample(), kEquirectBorder);
  Remap(source, *table, eq);
  FillEquirectBorder(eq);
  return eq;
}

Image ProjectedFrameSource::Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const {
  Image source = frame.path.empty() ? DecodeVideo(frame, request, times) : DecodeStill(frame, request, times);
  FillClampBorder(source);
  if (options_.stitch) return Stitch(source, times);
  return source;
}

void ProjectedFrameSource::WriteRecords(const std::string& dataset_root) const {
  inner_->WriteRecords(dataset_root);
  const nlohmann::ordered_json d = options_.projection->Describe(options_.frame_width, options_.frame_height);
  if (d.contains("lens_calib")) {
    WriteTextFileAtomic((std::filesystem::path(dataset_root) / "lens_calib.json").string(), d["lens_calib"].dump(2) + "\n");
  }
}

nlohmann::ordered_json ProjectedFrameSource::Describe() const {
  nlohmann::ordered_json j = inner_->Describe();
  j["input"] = options_.projection->Describe(options_.frame_width, options_.frame_height);
  j["input"]["layout"] = options_.layout;
  j["input"]["stitched"] = options_.stitch;
  return j;
}

}  // namespace prep360
