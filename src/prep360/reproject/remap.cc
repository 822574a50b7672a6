// Remap (declared in remap_table.h): checks the images against the table and runs the row
// kernel for (interpolation, bit depth, channels), preferring the SIMD one where the CPU has it.
#include <algorithm>
#include <string>

#include "prep360/reproject/remap_dispatch.h"
#include "prep360/reproject/remap_blend.h"
#include "prep360/reproject/remap_kernels.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace remap_internal {
namespace {

template <int C>
RowKernel PortableKernel8(Interpolation interp) {
  switch (interp) {
    case Interpolation::kNearest:
      return NearestRow<std::uint8_t, C>;
    case Interpolation::kBilinear:
      return Bilinear8Row<C>;
    case Interpolation::kBicubic:
      return Bicubic8Row<C>;
    case Interpolation::kLanczos3:
      return Lanczos8Row<C>;
  }
  return nullptr;
}

template <int C>
RowKernel PortableKernel16(Interpolation interp) {
  switch (interp) {
    case Interpolation::kNearest:
      return NearestRow<std::uint16_t, C>;
    case Interpolation::kBilinear:
      return Bilinear16Row<C>;
    case Interpolation::kBicubic:
      return Bicubic16Row<C>;
    case Interpolation::kLanczos3:
      return Lanczos16Row<C>;
  }
  return nullptr;
}

RowKernel PortableKernel(Interpolation interp, int bytes_per_sample, int channels) {
  if (bytes_per_sample == 1) {
    return channels == 1   ? PortableKernel8<1>(interp)
           : channels == 3 ? PortableKernel8<3>(interp)
                           : PortableKernel8<4>(interp);
  }
  return channels == 1   ? PortableKernel16<1>(interp)
         : channels == 3 ? PortableKernel16<3>(interp)
                         : PortableKernel16<4>(interp);
}

std::string Describe(const Image& img) {
  return std::to_string(img.width()) + "x" + std::to_string(img.height()) + " " +
         std::to_string(img.channels()) + "ch " + std::to_string(img.bit_depth()) + "-bit";
}

RowKernel SelectKernel(Interpolation interp, int bytes_per_sample, int channels, SimdLevel max_level) {
  const SimdLevel level = std::min(max_level, CpuSimdLevel());
  if (bytes_per_sample == 1) {
    if (RowKernel k = SimdKernel(interp, channels, level)) return k;
  }
  return PortableKernel(interp, bytes_per_sample, channels);
}

}  // namespace

void RemapRows(const Image& equirect, const RemapTable& table, Image& out, int row_begin, int row_end,
               SimdLevel max_level) {
  if (equirect.width() != table.eq_width() || equirect.height() != table.eq_height()) {
    throw Error("remap: equirect is " + Describe(equirect) + " but the table was built for " +
                std::to_string(table.eq_width()) + "x" + std::to_string(table.eq_height()));
  }
  if (equirect.border() != kEquirectBorder ||
      equirect.stride_pixels() != static_cast<std::size_t>(table.source_stride_pixels())) {
    throw Error("remap: equirect border is " + std::to_string(equirect.border()) + " pixels, must be " +
                std::to_string(kEquirectBorder));
  }
  if (out.width() != table.width() || out.height() != table.height() ||
      out.channels() != equirect.channels() || out.bytes_per_sample() != equirect.bytes_per_sample()) {
    throw Error("remap: output is " + Describe(out) + ", expected " + std::to_string(table.width()) + "x" +
                std::to_string(table.height()) + " like the source (" + Describe(equirect) + ")");
  }
  if (row_begin < 0 || row_end > table.height() || row_begin > row_end) {
    throw Error("remap: rows [" + std::to_string(row_begin) + ", " + std::to_string(row_end) +
                ") outside the view's " + std::to_string(table.height()) + " rows");
  }
  const RowKernel kernel =
      SelectKernel(table.interpolation(), equirect.bytes_per_sample(), equirect.channels(), max_level);
  const std::uint8_t* src = equirect.PixelPtr(0, 0);
  const auto stride = static_cast<std::ptrdiff_t>(equirect.stride());
  for (int y = row_begin; y < row_end; ++y) kernel(src, stride, table.Row(y), out.Row(y), table.width());
  if (table.blend() != nullptr) BlendSecondSamples(kernel, src, stride, table, out, row_begin, row_end);
}

}  // namespace remap_internal

void Remap(const Image& equirect, const RemapTable& table, Image& out, int row_begin, int row_end) {
  remap_internal::RemapRows(equirect, table, out, row_begin, row_end, remap_internal::SimdLevel::kAvx2);
}

}  // namespace prep360
