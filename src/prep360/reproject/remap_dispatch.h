#pragma once
// Internal: the CPU-specific choices behind RemapTable and Remap, exposed so tests and benchmarks
// can compare the baseline code paths with the SIMD ones.
#include "prep360/image/image.h"
#include "prep360/reproject/interpolation.h"
#include "prep360/reproject/remap_table.h"

namespace prep360::remap_internal {

// Instruction-set levels of the remap kernels, in increasing order. kNone = the portable kernels.
enum class SimdLevel { kNone, kSsse3, kAvx2 };

// The best level this CPU runs (checked once at run time).
SimdLevel CpuSimdLevel();

// Remap with kernels of at most `max_level` (and never above CpuSimdLevel()); Remap uses the best.
// Every level produces the same pixels.
void RemapRows(const Image& equirect, const RemapTable& table, Image& out, int row_begin, int row_end,
               SimdLevel max_level);

// Fills camera.width * camera.height entries as RemapTable does (sizes already checked); with
// allow_avx2 = false the baseline (SSE2) builder runs even where the CPU has AVX2 and FMA.
void BuildRemapEntries(const Pinhole& camera, const Mat3& pano_from_cam, int eq_width, int eq_height,
                       Interpolation interp, bool allow_avx2, RemapEntry* entries);

}  // namespace prep360::remap_internal
