#include "prep360/video/frame_index.h"

#include <algorithm>

namespace prep360 {

std::int64_t FrameIndexer::IndexOf(std::int64_t pts) {
  // Frames with a smaller timestamp were presented before this one (or skipped by the decoder).
  while (!pending_.empty() && pending_.top() < pts) {
    pending_.pop();
    ++counted_;
  }
  const std::int64_t index = std::max(counted_, last_ + 1);
  if (!pending_.empty() && pending_.top() == pts) {
    pending_.pop();
    ++counted_;
  }
  last_ = index;
  return index;
}

std::int64_t FrameIndexer::NextUntimed() {
  const std::int64_t index = std::max(counted_, last_ + 1);
  counted_ = index + 1;
  last_ = index;
  return index;
}

}  // namespace prep360
