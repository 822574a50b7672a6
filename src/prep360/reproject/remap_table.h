#pragma once
// Remap tables: for one (view, equirect size, interpolation), where every output pixel reads
// from. Built once, reused for every frame. One 8-byte entry per output pixel holds the integer
// part of the sample position in the source (the tap (x0, y0) at or left of / above it) as a
// pixel offset from source pixel (0, 0) in a source whose rows are W + 2 * kEquirectBorder
// pixels apart, and the fractional part quantised to 1/kFracScale, so one table serves every
// kernel, channel count and bit depth. Sample position = equirect position (u, v) - 0.5 (pixel
// centres at +0.5). Nearest-neighbour tables store the nearest pixel with zero fractions.
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <span>
#include <tuple>
#include <vector>

#include "prep360/geometry/pinhole.h"
#include "prep360/geometry/rotation.h"
#include "prep360/image/image.h"
#include "prep360/image/row_range.h"
#include "prep360/reproject/interpolation.h"
#include "prep360/rig/rig.h"

namespace prep360 {

class SourceProjection;

// Where one output pixel samples the source: offset = y0 * (W + 2 * kEquirectBorder) + x0 of the
// tap (x0, y0) (border pixels have negative or >= size coordinates), and the fraction toward
// x0 + 1 / y0 + 1.
struct RemapEntry {
  std::int32_t offset;
  std::uint16_t fx, fy;  // in 1 / RemapTable::kFracScale
};
static_assert(sizeof(RemapEntry) == 8);

// The second sample of tables built for sources with a seam (reproject/projected_remap.h): where
// `weight` (of kBlendOne) is non-zero, the output is the first sample's value blended with the
// second's. `columns[y]` = the columns of row y that have a second sample (empty: none). Only
// those are stored: row y's columns are at [row_start[y], row_start[y] + columns[y].size()) of
// `second` and `weight` (weight 0 where a column inside the range has none).
struct RemapBlend {
  static constexpr int kBlendBits = 8;
  static constexpr int kBlendOne = 1 << kBlendBits;
  std::unique_ptr<RemapEntry[]> second;
  std::unique_ptr<std::uint16_t[]> weight;
  std::size_t size = 0;  // entries in second and weight
  std::vector<RowRange> columns;
  std::vector<std::size_t> row_start;
};

class RemapTable {
 public:
  static constexpr int kFracBits = 16;
  static constexpr int kFracScale = 1 << kFracBits;
  // Largest equirect side a table can address (offsets are int32).
  static constexpr int kMaxEquirectSide = 32000;

  // The view seen by `camera` (its size set) turned by `pano_from_cam` (geometry/rotation.h);
  // the source is an equirect of eq_width x eq_height. Built with tbb::parallel_for over rows.
  // Throws Error on bad sizes.
  RemapTable(const Pinhole& camera, const Mat3& pano_from_cam, int eq_width, int eq_height,
             Interpolation interp);
  // A table built elsewhere (projected sources, reproject/projected_remap.h): `entries` holds
  // width x height entries for a source of src_width x src_height with a kEquirectBorder border;
  // `blend` (null: none) the second samples. SourceRows() is then every source row.
  RemapTable(int width, int height, int src_width, int src_height, Interpolation interp,
             std::unique_ptr<RemapEntry[]> entries, std::unique_ptr<RemapBlend> blend);

  int width() const { return width_; }
  int height() const { return height_; }
  int eq_width() const { return eq_width_; }
  int eq_height() const { return eq_height_; }
  Interpolation interpolation() const { return interp_; }
  std::size_t MemoryBytes() const {
    return sizeof(*this) + size_ * sizeof(RemapEntry) +
           (blend_ ? blend_->size * (sizeof(RemapEntry) + sizeof(std::uint16_t)) : 0);
  }

  // Pixels between source rows the offsets assume: eq_width() + 2 * kEquirectBorder.
  int source_stride_pixels() const { return eq_width_ + 2 * kEquirectBorder; }
  // Tap (x0, y0) of an entry, in source pixel coordinates.
  void TapPosition(const RemapEntry& e, int* x0, int* y0) const;

  // Row-major entries, width() per row.
  std::span<const RemapEntry> entries() const { return {entries_.get(), size_}; }
  const RemapEntry* Row(int y) const {
    return entries_.get() + static_cast<std::size_t>(y) * static_cast<std::size_t>(width_);
  }

  // The source rows [begin, end) within 0..eq_height() that Remap reads through this table,
  // counting every row of the kernel's taps (zero-weight taps are read too). Taps in the border
  // rows (< 0 or >= H) are mirrored copies of the first / last rows, so then the range starts at
  // 0 / ends at H: begin == 0 (end == H) means the north (south) pole border must be filled.
  // Computed when the table is built.
  RowRange SourceRows() const { return source_rows_; }
  // The second samples; null for equirect tables.
  const RemapBlend* blend() const { return blend_.get(); }

 private:
  RowRange ComputeSourceRows() const;

  int width_, height_, eq_width_, eq_height_;
  Interpolation interp_;
  RowRange source_rows_;
  std::size_t size_ = 0;
  std::unique_ptr<RemapEntry[]> entries_;  // not value-initialised: the builder writes every entry
  std::unique_ptr<RemapBlend> blend_;
};

// Fills the source's border (any width up to its size; Remap needs >= kEquirectBorder):
// columns wrap across the ±180° seam; rows past the top/bottom are mirrored over the pole
// (row -1-k = row k shifted by W/2, row H+k = row H-1-k shifted by W/2), as the sphere continues
// there; the corners follow from the same rule. Throws Error if the border exceeds W or H.
void FillEquirectBorder(Image& equirect);
// The same for an image whose rows `rows` (within 0..H) alone are set: wraps the columns of those
// rows, and fills the rows over the north (south) pole only when `rows` starts at 0 (ends at H).
// Rows outside `rows` stay untouched. With rows = {0, H} it equals the full version.
void FillEquirectBorder(Image& equirect, RowRange rows);

// out = view of `equirect` (with a border of exactly kEquirectBorder, filled) through `table`.
// `out` must be table.width() x table.height() with the source's channels and bit depth; no
// allocation.
// Rows [row_begin, row_end) only, so callers can split the work across threads.
// Throws Error on mismatched sizes or formats.
void Remap(const Image& equirect, const RemapTable& table, Image& out, int row_begin, int row_end);
inline void Remap(const Image& equirect, const RemapTable& table, Image& out) {
  Remap(equirect, table, out, 0, table.height());
}

// Thread-safe cache: one table per (view index, equirect size), built once on first use (other
// callers of the same key wait; different keys build concurrently) from the view's Camera() and
// PanoFromCam(). Safe to call from TBB tasks.
class RemapCache {
 public:
  // projection: the source's when it is not an equirect (null: equirect).
  RemapCache(const Rig& rig, Interpolation interp, std::shared_ptr<const SourceProjection> projection = nullptr)
      : rig_(rig), interp_(interp), projection_(std::move(projection)) {}
  // Throws Error for a bad view index or a view without a size.
  const RemapTable& Get(std::size_t view_index, int eq_width, int eq_height);
  // Union of SourceRows() over all the rig's views for one equirect size (building any missing
  // tables first): the rows a decoder must produce for Remap of any view. Empty for a rig
  // without views.
  RowRange SourceRows(int eq_width, int eq_height);
  std::size_t MemoryBytes() const;
  // Total wall time spent building tables (summed over tables).
  double build_seconds() const;
  // Number of tables built so far.
  std::size_t size() const;

 private:
  struct Slot;
  Rig rig_;
  Interpolation interp_;
  std::shared_ptr<const SourceProjection> projection_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::size_t, int, int>, std::shared_ptr<Slot>> tables_;
  double build_seconds_ = 0;
};

}  // namespace prep360
