#pragma once
// The fast path of the dual-fisheye view tables: one equidistant lens (lens/fisheye_lens.h)
// evaluated along a line of directions in single precision, 8 at a time (AVX2 + FMA where the CPU
// has them), else 4 (SSE2, the x86-64 baseline; a scalar loop elsewhere). Positions agree with
// FisheyeLens::Project to about 1e-3 pixel at 5.7K (float positions, FastAtan2 within 3e-7 rad).
#include "prep360/geometry/rotation.h"
#include "prep360/lens/fisheye_lens.h"

namespace prep360 {

// Lens-frame directions d0 + k * dd, k = 0..n-1 (any non-zero length). Writes the position
// (x[k], y[k], continuous source pixels) and margin[k] = usable - theta (radians: usable minus the
// angle off the axis). The arrays hold n rounded up to a multiple of 8.
void ProjectFisheyeLine(const FisheyeLens& lens, double usable, const Vec3& d0, const Vec3& dd, int n, float* x,
                        float* y, float* margin);

}  // namespace prep360
