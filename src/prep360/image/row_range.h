#pragma once
// A half-open range of image rows [begin, end).
#include <algorithm>

namespace prep360 {

struct RowRange {
  int begin = 0, end = 0;

  bool empty() const { return end <= begin; }
  int size() const { return empty() ? 0 : end - begin; }
  // The smallest range holding both (an empty range adds nothing).
  RowRange Union(const RowRange& other) const {
    if (empty()) return other;
    if (other.empty()) return *this;
    return {std::min(begin, other.begin), std::max(end, other.end)};
  }
  friend bool operator==(const RowRange&, const RowRange&) = default;
};

}  // namespace prep360
