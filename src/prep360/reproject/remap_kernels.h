#pragma once
// Internal: the portable row kernels of Remap, templated on sample type and channel count so
// the per-channel work unrolls at compile time. Every kernel maps `n` table entries to `n` output
// pixels; `src` points at source pixel (0, 0), rows `stride` bytes apart, with a filled border of
// at least kEquirectBorder pixels, so no kernel tests for edges. The x86 SIMD kernels
// (remap_kernels_x86.cc) compute bit-identical results for 8-bit samples.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

#include "prep360/reproject/kernel_weights.h"
#include "prep360/reproject/remap_dispatch.h"
#include "prep360/reproject/remap_table.h"

namespace prep360::remap_internal {

using RowKernel = void (*)(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* entries,
                           std::uint8_t* out, int n);

// 8-bit bilinear: fractions rounded to 1/64 pixel, weights 0..64 (see remap_kernels_x86.cc).
inline constexpr int kBilinearBits = 6;
inline int BilinearFrac(std::uint16_t f) { return (f + (1 << (15 - kBilinearBits))) >> (16 - kBilinearBits); }

// Tap (x0 + dx, y0 + dy) of an entry. `stride` must be (W + 2 * kEquirectBorder) pixels.
template <typename T, int C>
inline const T* TapPtr(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry& e, int dx, int dy) {
  constexpr std::ptrdiff_t kBytes = C * static_cast<std::ptrdiff_t>(sizeof(T));
  return reinterpret_cast<const T*>(src + (static_cast<std::ptrdiff_t>(e.offset) + dx) * kBytes +
                                    dy * stride);
}

template <typename T, int C>
void NearestRow(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* __restrict entries,
                std::uint8_t* __restrict out, int n) {
  constexpr std::size_t kBytes = C * sizeof(T);
  for (int i = 0; i < n; ++i) {
    std::memcpy(out + static_cast<std::size_t>(i) * kBytes, TapPtr<T, C>(src, stride, entries[i], 0, 0),
                kBytes);
  }
}

template <int C>
void Bilinear8Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* __restrict entries,
                  std::uint8_t* __restrict out, int n) {
  constexpr int kOne = 1 << kBilinearBits;
  constexpr int kShift = 2 * kBilinearBits;
  for (int i = 0; i < n; ++i) {
    const RemapEntry e = entries[i];
    const std::uint8_t* __restrict t = TapPtr<std::uint8_t, C>(src, stride, e, 0, 0);
    const std::uint8_t* __restrict b = t + stride;
    const int fx = BilinearFrac(e.fx), fy = BilinearFrac(e.fy);
    std::uint8_t* __restrict o = out + static_cast<std::ptrdiff_t>(i) * C;
    for (int c = 0; c < C; ++c) {
      const int v0 = t[c] * (kOne - fy) + b[c] * fy;
      const int v1 = t[c + C] * (kOne - fy) + b[c + C] * fy;
      o[c] = static_cast<std::uint8_t>((v0 * (kOne - fx) + v1 * fx + (1 << (kShift - 1))) >> kShift);
    }
  }
}

template <int C>
void Bilinear16Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* __restrict entries,
                   std::uint8_t* __restrict out_bytes, int n) {
  constexpr float kScale = 1.0f / static_cast<float>(RemapTable::kFracScale);
  auto* __restrict out = reinterpret_cast<std::uint16_t*>(out_bytes);
  for (int i = 0; i < n; ++i) {
    const RemapEntry e = entries[i];
    const std::uint16_t* __restrict t = TapPtr<std::uint16_t, C>(src, stride, e, 0, 0);
    const std::uint16_t* __restrict b = TapPtr<std::uint16_t, C>(src, stride, e, 0, 1);
    const float fx = static_cast<float>(e.fx) * kScale, fy = static_cast<float>(e.fy) * kScale;
    for (int c = 0; c < C; ++c) {
      const float top = static_cast<float>(t[c]) + fx * static_cast<float>(t[c + C] - t[c]);
      const float bot = static_cast<float>(b[c]) + fx * static_cast<float>(b[c + C] - b[c]);
      out[i * C + c] = static_cast<std::uint16_t>(top + fy * (bot - top) + 0.5f);
    }
  }
}

// Separable kernel (bicubic, lanczos3), 8-bit: fixed point, exact integer arithmetic that the
// SIMD version reproduces: per tap row h = sum(wx * p), rounded to 1/64; out = sum(wy * h)
// rounded, clamped to [0, 255].
template <int C, int kTaps>
void Separable8Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* __restrict entries,
                   std::uint8_t* __restrict out, int n, const KernelLut& lut) {
  constexpr int kLead = kTaps / 2 - 1;
  constexpr int kMidShift = 6;
  constexpr int kShift = 2 * kWeightBits - kMidShift;
  for (int i = 0; i < n; ++i) {
    const RemapEntry e = entries[i];
    const std::int16_t* wx = lut.q[Phase(e.fx)];
    const std::int16_t* wy = lut.q[Phase(e.fy)];
    const std::uint8_t* __restrict p = TapPtr<std::uint8_t, C>(src, stride, e, -kLead, -kLead);
    int acc[C] = {};
    for (int r = 0; r < kTaps; ++r, p += stride) {
      int h[C] = {};
      for (int k = 0; k < kTaps; ++k) {
        for (int c = 0; c < C; ++c) h[c] += wx[k] * p[k * C + c];
      }
      for (int c = 0; c < C; ++c) acc[c] += wy[r] * ((h[c] + (1 << (kMidShift - 1))) >> kMidShift);
    }
    for (int c = 0; c < C; ++c) {
      out[i * C + c] =
          static_cast<std::uint8_t>(std::clamp((acc[c] + (1 << (kShift - 1))) >> kShift, 0, 255));
    }
  }
}

// Separable kernel, 16-bit: float weights, clamped to [0, 65535].
template <int C, int kTaps>
void Separable16Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* __restrict entries,
                    std::uint8_t* __restrict out_bytes, int n, const KernelLut& lut) {
  constexpr int kLead = kTaps / 2 - 1;
  auto* __restrict out = reinterpret_cast<std::uint16_t*>(out_bytes);
  for (int i = 0; i < n; ++i) {
    const RemapEntry e = entries[i];
    const float* wx = lut.f[Phase(e.fx)];
    const float* wy = lut.f[Phase(e.fy)];
    const std::uint8_t* row =
        reinterpret_cast<const std::uint8_t*>(TapPtr<std::uint16_t, C>(src, stride, e, -kLead, -kLead));
    float acc[C] = {};
    for (int r = 0; r < kTaps; ++r, row += stride) {
      const std::uint16_t* __restrict p = reinterpret_cast<const std::uint16_t*>(row);
      float h[C] = {};
      for (int k = 0; k < kTaps; ++k) {
        for (int c = 0; c < C; ++c) h[c] += wx[k] * static_cast<float>(p[k * C + c]);
      }
      for (int c = 0; c < C; ++c) acc[c] += wy[r] * h[c];
    }
    for (int c = 0; c < C; ++c) {
      out[i * C + c] = static_cast<std::uint16_t>(std::clamp(acc[c], 0.0f, 65535.0f) + 0.5f);
    }
  }
}

template <int C>
void Bicubic8Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* entries, std::uint8_t* out,
                 int n) {
  Separable8Row<C, 4>(src, stride, entries, out, n, CubicLut());
}
template <int C>
void Lanczos8Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* entries, std::uint8_t* out,
                 int n) {
  Separable8Row<C, 6>(src, stride, entries, out, n, Lanczos3Lut());
}
template <int C>
void Bicubic16Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* entries,
                  std::uint8_t* out, int n) {
  Separable16Row<C, 4>(src, stride, entries, out, n, CubicLut());
}
template <int C>
void Lanczos16Row(const std::uint8_t* src, std::ptrdiff_t stride, const RemapEntry* entries,
                  std::uint8_t* out, int n) {
  Separable16Row<C, 6>(src, stride, entries, out, n, Lanczos3Lut());
}

// The best SIMD row kernel for an 8-bit source with `channels` at or below `level` (which the
// caller has checked against the CPU), or nullptr. Defined in remap_kernels_x86.cc (nullptr
// everywhere on other architectures).
RowKernel SimdKernel(Interpolation interp, int channels, SimdLevel level);

}  // namespace prep360::remap_internal
