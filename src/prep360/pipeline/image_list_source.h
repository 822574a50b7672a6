#pragma once
// Panorama image files as a frame source (prep360 split).
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "prep360/image/image_io.h"
#include "prep360/pipeline/frame_source.h"
#include "prep360/pipeline/input_list.h"

namespace prep360 {

// The first input whose header reads (the others are reported when the pipeline reaches them):
// what sizes the views of a list of stills. Throws Error when none reads.
struct FirstReadableInput {
  std::string path;
  ImageInfo info;
};
FirstReadableInput ReadFirstReadableInput(const std::vector<InputFile>& inputs);

class ImageListSource final : public FrameSource {
 public:
  explicit ImageListSource(std::vector<InputFile> inputs) : inputs_(std::move(inputs)), end_(inputs_.size()) {}
  // Only inputs[begin, end) (a shard), with the views still sized from the whole list.
  ImageListSource(std::vector<InputFile> inputs, std::size_t begin, std::size_t end)
      : inputs_(std::move(inputs)), end_(std::min(end, inputs_.size())), begin_(std::min(begin, end_)), next_(begin_) {}

  std::int64_t ExpectedFrames() const override { return static_cast<std::int64_t>(end_ - begin_); }
  // The width of the first input (of the whole list) whose header reads.
  int EquirectWidth() override;
  bool Next(SourceFrame& frame, StageTimes& times) override;
  Image Decode(SourceFrame& frame, const DecodeRequest& request, StageTimes& times) const override;
  nlohmann::ordered_json Describe() const override;

 private:
  std::vector<InputFile> inputs_;
  std::size_t end_ = 0;
  std::size_t begin_ = 0;
  std::size_t next_ = 0;
};

}  // namespace prep360
