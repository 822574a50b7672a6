#pragma once
// Which interior pixel a pixel of an equirect's border repeats, as FillEquirectBorder
// (remap_table.h) fills it: columns wrap across the ±180° seam; rows past the top (bottom) are
// rows 0.. (H-1..) mirrored over the pole and turned half a turn (W/2 columns). Inline for the
// CUDA kernels too, which write a frame and its border in one pass.
#if defined(__CUDACC__)
#define PREP360_BORDER_HOST_DEVICE __host__ __device__
#else
#define PREP360_BORDER_HOST_DEVICE
#endif

namespace prep360 {

// (x, y): a pixel of a w x h equirect, -border <= x < w + border (same for y), border <= w, h.
// Sets (sx, sy) to the interior pixel it holds.
PREP360_BORDER_HOST_DEVICE inline void EquirectBorderSource(int x, int y, int w, int h, int& sx, int& sy) {
  bool half_turn = false;
  sy = y;
  if (y < 0) {
    sy = -1 - y;
    half_turn = true;
  } else if (y >= h) {
    sy = 2 * h - 1 - y;
    half_turn = true;
  }
  int c = x < 0 ? x + w : (x >= w ? x - w : x);
  if (half_turn) {
    c += w / 2;
    if (c >= w) c -= w;
  }
  sx = c;
}

}  // namespace prep360
