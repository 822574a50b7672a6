#pragma once
// Internal: weight lookup tables of the separable kernels (bicubic, lanczos3), one row of tap
// weights per fractional phase (1/256 pixel). Tap k of a sample at x0 + t reads pixel
// x0 - (taps/2 - 1) + k.
#include <cstdint>

namespace prep360::remap_internal {

inline constexpr int kPhaseBits = 8;
inline constexpr int kPhases = (1 << kPhaseBits) + 1;  // t = 0, 1/256, ..., 1
inline constexpr int kWeightBits = 12;                 // fixed-point weights sum to 1 << 12

struct KernelLut {
  int taps = 0;                     // 4 (bicubic) or 6 (lanczos3)
  float f[kPhases][8] = {};         // weights summing to 1
  std::int16_t q[kPhases][8] = {};  // the same in fixed point, summing exactly to 1 << kWeightBits
  // SIMD layout: tap pairs (w0,w1), (w2,w3), (w4,w5), each repeated 4 times.
  alignas(16) std::int16_t pairs[kPhases][3][8] = {};
};

const KernelLut& CubicLut();     // Keys, a = -0.5 (Catmull-Rom)
const KernelLut& Lanczos3Lut();  // Lanczos, window 3, normalised

// Phase index of a fraction in 1/65536 (RemapTable::kFracBits == 16).
inline int Phase(std::uint16_t frac) { return (frac + 128) >> 8; }

}  // namespace prep360::remap_internal
