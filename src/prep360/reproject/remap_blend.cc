#include "prep360/reproject/remap_blend.h"

#include <vector>

namespace prep360::remap_internal {
namespace {

template <typename T>
void BlendRow(T* out, const T* second, const std::uint16_t* weight, int n, int channels) {
  constexpr int kOne = RemapBlend::kBlendOne;
  for (int i = 0; i < n; ++i) {
    const int w = weight[i];
    if (w == 0) continue;
    for (int c = 0; c < channels; ++c) {
      const std::size_t k = static_cast<std::size_t>(i * channels + c);
      const std::uint32_t v = static_cast<std::uint32_t>(out[k]) * static_cast<std::uint32_t>(kOne - w) +
                              static_cast<std::uint32_t>(second[k]) * static_cast<std::uint32_t>(w) + kOne / 2;
      out[k] = static_cast<T>(v >> RemapBlend::kBlendBits);
    }
  }
}

}  // namespace

void BlendSecondSamples(RowKernel kernel, const std::uint8_t* src, std::ptrdiff_t stride, const RemapTable& table,
                        Image& out, int row_begin, int row_end) {
  const RemapBlend& blend = *table.blend();
  const std::size_t bpp = out.bytes_per_pixel();
  thread_local std::vector<std::uint8_t> second;
  for (int y = row_begin; y < row_end; ++y) {
    const RowRange cols = blend.columns[static_cast<std::size_t>(y)];
    if (cols.empty()) continue;
    const int n = cols.end - cols.begin;
    second.resize(static_cast<std::size_t>(n) * bpp);
    const std::size_t first = blend.row_start[static_cast<std::size_t>(y)];
    kernel(src, stride, blend.second.get() + first, second.data(), n);
    std::uint8_t* o = out.Row(y) + static_cast<std::size_t>(cols.begin) * bpp;
    const std::uint16_t* w = blend.weight.get() + first;
    if (out.bytes_per_sample() == 1) {
      BlendRow(o, second.data(), w, n, out.channels());
    } else {
      BlendRow(reinterpret_cast<std::uint16_t*>(o), reinterpret_cast<const std::uint16_t*>(second.data()), w, n,
               out.channels());
    }
  }
}

}  // namespace prep360::remap_internal
