#pragma once
// Interpolation kernels of the reprojection:
//   nearest   the nearest source pixel;
//   bilinear  2x2 taps (8-bit: fixed point, fractions to 1/64 pixel);
//   bicubic   4x4 taps, Keys cubic with a = -0.5 (Catmull-Rom), results clamped to [0, max];
//   lanczos3  6x6 taps, Lanczos window 3, weights normalised to sum 1, results clamped to [0, max].
#include <string>

namespace prep360 {

enum class Interpolation { kNearest, kBilinear, kBicubic, kLanczos3 };

// "nearest", "bilinear", "bicubic", "lanczos3" (also "lanczos"); throws Error otherwise.
Interpolation ParseInterpolation(const std::string& name);
const char* InterpolationName(Interpolation interp);

// Border (pixels) the source equirect must carry so a kernel never reads outside it.
inline constexpr int kEquirectBorder = 4;

}  // namespace prep360
