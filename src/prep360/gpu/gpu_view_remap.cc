#include "prep360/gpu/gpu_view_remap.h"

namespace prep360 {

void RemapViewsOnDevice(GpuRemapper& gpu, RemapCache& cache, const Rig& rig, const Image& eq,
                        std::span<const std::size_t> which, std::vector<Image>& views) {
  std::vector<const RemapTable*> tables;
  std::vector<Image*> outs;
  for (const std::size_t v : which) {
    const RemapTable& table = cache.Get(v, eq.width(), eq.height());
    Image& out = views.at(v);
    if (GpuRemapper::Supports(eq, table)) {
      tables.push_back(&table);
      outs.push_back(&out);
      continue;
    }
    const View& view = rig.views[v];
    if (out.width() != view.width || out.height() != view.height || out.channels() != eq.channels() ||
        out.bytes_per_sample() != eq.bytes_per_sample()) {
      out = Image(view.width, view.height, eq.channels(), eq.bytes_per_sample());
    }
    Remap(eq, table, out);
  }
  if (!tables.empty()) gpu.RemapViews(eq, tables, outs);
}

void RemapYuvViewsOnDevice(GpuRemapper& gpu, RemapCache& cache, const SemiPlanarFrame& frame,
                           const YuvToRgbCoeffs& coeffs, std::span<const std::size_t> which,
                           std::vector<Image>& views) {
  std::vector<const RemapTable*> tables;
  std::vector<Image*> outs;
  for (const std::size_t v : which) {
    tables.push_back(&cache.Get(v, frame.width, frame.height));
    outs.push_back(&views.at(v));
  }
  if (!tables.empty()) gpu.RemapYuvViews(frame, coeffs, tables, outs);
}

}  // namespace prep360
