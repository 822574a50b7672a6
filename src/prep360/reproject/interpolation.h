#pragma once
// Interpolation kernels of the reprojection:
//   nearest   the nearest source pixel;
//   bilinear  2x2 taps (8-bit: fixed point, fractions to 1/64 pixel);
//   bicubic   4x4 taps, Keys cubic with a = -0.5 (Catmull-Rom), results clamped to [0, max];
//   lanczos3  6x6 taps, Lanczos window 3, weights normalised to sum 1, results clamped to [0, max].
#include <string>

#include "prep360/util/enum_names.h"

namespace prep360 {

enum class Interpolation { kNearest, kBilinear, kBicubic, kLanczos3 };
inline constexpr EnumName<Interpolation> kInterpolationNames[] = {
    {"nearest", Interpolation::kNearest, "the nearest source pixel"},
    {"bilinear", Interpolation::kBilinear, "2x2 taps, fixed point"},
    {"bicubic", Interpolation::kBicubic, "4x4 taps, Catmull-Rom"},
    {"lanczos3", Interpolation::kLanczos3, "6x6 taps, Lanczos window 3"},
    {"lanczos", Interpolation::kLanczos3, nullptr}};
template <>
struct EnumNames<Interpolation> {
  static constexpr std::span<const EnumName<Interpolation>> table{kInterpolationNames};
};

// "nearest", "bilinear", "bicubic", "lanczos3" (also "lanczos"); throws Error otherwise.
Interpolation ParseInterpolation(const std::string& name);
const char* InterpolationName(Interpolation interp);

// Border (pixels) the source equirect must carry so a kernel never reads outside it.
inline constexpr int kEquirectBorder = 4;

}  // namespace prep360
