#include "prep360/reproject/interpolation.h"

#include "prep360/util/error.h"

namespace prep360 {

Interpolation ParseInterpolation(const std::string& name) {
  if (name == "nearest") return Interpolation::kNearest;
  if (name == "bilinear") return Interpolation::kBilinear;
  if (name == "bicubic") return Interpolation::kBicubic;
  if (name == "lanczos3" || name == "lanczos") return Interpolation::kLanczos3;
  throw Error("unknown interpolation '" + name + "' (expected nearest, bilinear, bicubic or lanczos3)");
}

const char* InterpolationName(Interpolation interp) {
  switch (interp) {
    case Interpolation::kNearest:
      return "nearest";
    case Interpolation::kBilinear:
      return "bilinear";
    case Interpolation::kBicubic:
      return "bicubic";
    case Interpolation::kLanczos3:
      return "lanczos3";
  }
  return "unknown";
}

}  // namespace prep360
