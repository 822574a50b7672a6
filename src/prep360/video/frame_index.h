#pragma once
// Source frame numbers from timestamps. A frame's index is its position in presentation order
// from the start of the stream (0 = first frame): the number of the stream's frames with a
// smaller presentation timestamp. Counted from packets, so it holds for variable frame rates,
// for frames the decoder was told to skip, and after a seek (the frames before the seek point
// are added as a count or as their timestamps).
#include <cstdint>
#include <functional>
#include <queue>
#include <vector>

namespace prep360 {

class FrameIndexer {
 public:
  // `count` frames that all come before every frame still to be reported (the frames before
  // a seek point, e.g. from the container's index).
  void AddPrecedingFrames(std::int64_t count) { counted_ += count; }
  // The presentation timestamp of a packet (one frame), in decode order: every packet of the
  // stream, decoded or skipped, before the frames it may precede are reported.
  void AddPacket(std::int64_t pts) { pending_.push(pts); }
  // The index of the next output frame, in presentation order. Indices strictly increase.
  std::int64_t IndexOf(std::int64_t pts);
  // For a frame without a timestamp (its packet had none either): the next index.
  std::int64_t NextUntimed();

 private:
  std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> pending_;
  std::int64_t counted_ = 0;  // frames known to come before the next one
  std::int64_t last_ = -1;
};

}  // namespace prep360
