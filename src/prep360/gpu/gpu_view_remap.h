#pragma once
// The views of one frame through a GpuRemapper: the frame goes to the device once for all the
// views the GPU takes (GpuRemapper::Supports); the others (16-bit frames, seamed projections)
// are remapped on the CPU here.
#include <cstddef>
#include <span>
#include <vector>

#include "prep360/gpu/gpu_remap.h"
#include "prep360/reproject/remap_table.h"

namespace prep360 {

// views[v] = view v of `equirect` for every v in `which` (views has one slot per rig view; the
// others stay as they are). Throws Error as Remap and GpuRemapper::RemapViews do.
void RemapViewsOnDevice(GpuRemapper& gpu, RemapCache& cache, const Rig& rig, const Image& equirect,
                        std::span<const std::size_t> which, std::vector<Image>& views);

// The same from a frame NVDEC decoded (GpuRemapper::RemapYuvViews): converted to RGB on the
// device, every view in `which` remapped there. The rig's tables must all be ones the GPU takes
// (a plain equirect source: no seamed projection).
void RemapYuvViewsOnDevice(GpuRemapper& gpu, RemapCache& cache, const SemiPlanarFrame& frame,
                           const YuvToRgbCoeffs& coeffs, std::span<const std::size_t> which,
                           std::vector<Image>& views);

}  // namespace prep360
