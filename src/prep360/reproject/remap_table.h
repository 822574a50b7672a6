#pragma once
// Remap tables: for one (view, equirect size, interpolation), where every output pixel reads
// from. Built once, reused for every frame. Each entry holds the index of the kernel's top-left
// tap in the *bordered* source (in pixels, relative to the source's stride in pixels) and the
// fractional position quantised to 1/kFracScale, so one 8-byte entry serves every kernel,
// channel count and bit depth.
#include <cstdint>
#include <memory>
#include <mutex>
#include <map>
#include <tuple>
#include <vector>

#include "prep360/image/image.h"
#include "prep360/reproject/interpolation.h"
#include "prep360/rig/rig.h"

namespace prep360 {

class RemapTable {
 public:
  static constexpr int kFracBits = 8;
  static constexpr int kFracScale = 1 << kFracBits;
  // `view` must have its size set. The source is an equirect of eq_width x eq_height.
  RemapTable(const View& view, int eq_width, int eq_height, Interpolation interp);

  int width() const { return width_; }
  int height() const { return height_; }
  int eq_width() const { return eq_width_; }
  int eq_height() const { return eq_height_; }
  Interpolation interpolation() const { return interp_; }
  std::size_t MemoryBytes() const;

  // Implementation-defined storage; the kernels in remap.cc read it.
  struct Storage;
  const Storage& storage() const { return *storage_; }

 private:
  int width_, height_, eq_width_, eq_height_;
  Interpolation interp_;
  std::shared_ptr<const Storage> storage_;
};

// Fills the source's border (>= kEquirectBorder) so kernels can read past its edges:
// columns wrap across the ±180° seam; rows past the top/bottom are mirrored over the pole
// (row -1-k = row k shifted by W/2), as the sphere continues there.
void FillEquirectBorder(Image& equirect);

// out = view of `equirect` (bordered and filled) through `table`. `out` must be
// table.width() x table.height() with the source's channels and bit depth; no allocation.
// Rows [row_begin, row_end) only, so callers can split the work.
void Remap(const Image& equirect, const RemapTable& table, Image& out, int row_begin, int row_end);
inline void Remap(const Image& equirect, const RemapTable& table, Image& out) {
  Remap(equirect, table, out, 0, table.height());
}

// Thread-safe cache: one table per (view index, equirect size), built on first use.
class RemapCache {
 public:
  RemapCache(const Rig& rig, Interpolation interp) : rig_(rig), interp_(interp) {}
  const RemapTable& Get(std::size_t view_index, int eq_width, int eq_height);
  std::size_t MemoryBytes() const;
  double build_seconds() const { return build_seconds_; }

 private:
  Rig rig_;
  Interpolation interp_;
  mutable std::mutex mutex_;
  std::map<std::tuple<std::size_t, int, int>, std::unique_ptr<RemapTable>> tables_;
  double build_seconds_ = 0;
};

}  // namespace prep360
