#pragma once
// Internal: the second pass of Remap for tables with second samples (RemapBlend): the row
// kernel samples the second entries of each row's blended columns, and the output becomes
// (first * (one - w) + second * w) / one, rounded.
#include <cstddef>
#include <cstdint>

#include "prep360/image/image.h"
#include "prep360/reproject/remap_kernels.h"

namespace prep360::remap_internal {

void BlendSecondSamples(RowKernel kernel, const std::uint8_t* src, std::ptrdiff_t stride, const RemapTable& table,
                        Image& out, int row_begin, int row_end);

}  // namespace prep360::remap_internal
