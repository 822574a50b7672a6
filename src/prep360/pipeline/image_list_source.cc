#include "prep360/pipeline/image_list_source.h"

#include <filesystem>

#include <fmt/format.h>

#include "prep360/reproject/remap_table.h"
#include "prep360/util/error.h"

namespace prep360 {

void CheckEquirectSize(int width, int height, const std::string& name) {
  if (width < kEquirectBorder || height < kEquirectBorder || width > RemapTable::kMaxEquirectSide ||
      height > RemapTable::kMaxEquirectSide) {
    throw FileError(name, fmt::format("equirect size {}x{} not supported (each side {}..{})", width, height,
                                      kEquirectBorder, RemapTable::kMaxEquirectSide));
  }
}

FirstReadableInput ReadFirstReadableInput(const std::vector<InputFile>& inputs) {
  for (const InputFile& in : inputs) {
    try {
      return {in.path, ReadImageInfo(in.path)};
    } catch (const Error&) {
      continue;  // reported when the pipeline reaches it
    }
  }
  throw Error("no input could be read to choose the view size (set /rig/width and /rig/height)");
}

int ImageListSource::EquirectWidth() { return ReadFirstReadableInput(inputs_).info.width; }

bool ImageListSource::Next(SourceFrame& frame, StageTimes&) {
  if (next_ >= end_) return false;
  const InputFile& in = inputs_[next_++];
  frame = SourceFrame();
  frame.frame_name = in.frame_name;
  frame.source_name = std::filesystem::path(in.path).filename().string();
  frame.path = in.path;
  return true;
}

Image ImageListSource::Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const {
  std::vector<std::uint8_t> bytes;
  {
    ScopedStageTimer t(times, Stage::kRead);
    bytes = ReadFileBytes(frame.path);
  }
  ScopedStageTimer t(times, Stage::kDecode);
  const ImageInfo info = ReadImageInfo(bytes, frame.path);
  if (info.width != 2 * info.height) {
    throw FileError(frame.path,
                    fmt::format("not an equirectangular panorama: {}x{} is not 2:1", info.width, info.height));
  }
  CheckEquirectSize(info.width, info.height, frame.path);
  // Only the rows some view's kernel taps read (e.g. a band around the equator for a level rig):
  // the JPEG decoder skips the rest, and Remap never reads them.
  const RowRange rows = request.rows ? request.rows(info.width, info.height) : RowRange{0, info.height};
  Image equirect = DecodeImage(bytes, frame.path, kEquirectBorder, rows);
  FillEquirectBorder(equirect, rows);
  if (request.read_metadata) frame.metadata = ReadSourceMetadata(bytes);
  return equirect;
}

nlohmann::ordered_json ImageListSource::Describe() const {
  return {{"kind", "images"}, {"files", inputs_.size()}};
}

}  // namespace prep360
