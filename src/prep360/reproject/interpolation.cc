#include "prep360/reproject/interpolation.h"

namespace prep360 {

Interpolation ParseInterpolation(const std::string& name) { return ParseName<Interpolation>(name, "interpolation"); }

const char* InterpolationName(Interpolation interp) { return NameOf(interp).data(); }

}  // namespace prep360
