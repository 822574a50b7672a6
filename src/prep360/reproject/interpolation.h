#pragma once
#include <string>

namespace prep360 {

enum class Interpolation { kNearest, kBilinear, kBicubic, kLanczos3 };

// "nearest", "bilinear", "bicubic", "lanczos3" (also "lanczos"); throws Error otherwise.
Interpolation ParseInterpolation(const std::string& name);
const char* InterpolationName(Interpolation interp);

// Border (pixels) the source equirect must carry so a kernel never reads outside it.
inline constexpr int kEquirectBorder = 4;

}  // namespace prep360
