#include "prep360/rig/rig.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>

#include "prep360/util/error.h"

namespace prep360 {

int DensityMatchedWidth(double hfov_deg, int equirect_width) {
  if (!(hfov_deg > 0 && hfov_deg < 180)) {
    throw Error(fmt::format("hfov {:g}: must be in (0, 180) degrees", hfov_deg));
  }
  if (equirect_width <= 0) {
    throw Error(fmt::format("equirect width {}: must be positive", equirect_width));
  }
  const double fx = equirect_width / (2.0 * std::numbers::pi);
  const double width = 2.0 * fx * std::tan(DegToRad(hfov_deg) / 2.0);
  const long multiples = std::lround(width / 16.0);
  return static_cast<int>(std::max(1L, multiples) * 16);
}

Rig ResolveViewSizes(const Rig& rig, int equirect_width) {
  Rig out = rig;
  for (View& view : out.views) {
    if (view.width > 0 && view.height > 0) continue;
    if (view.width > 0) {
      view.height = view.width;
    } else if (view.height > 0) {
      view.width = view.height;
    } else {
      view.width = view.height = DensityMatchedWidth(view.hfov_deg, equirect_width);
    }
  }
  return out;
}

Pinhole ShapeCamera(const View& view) {
  if (view.width > 0 && view.height > 0) return view.Camera();
  const int side = view.width > 0 ? view.width : view.height > 0 ? view.height : 1024;
  return Pinhole::FromHfov(side, side, view.hfov_deg);
}

Rig WithSize(const Rig& rig, int width, int height) {
  if (width <= 0 || height <= 0) {
    throw Error(fmt::format("view size {}x{}: width and height must be positive", width, height));
  }
  Rig out = rig;
  for (View& view : out.views) {
    view.width = width;
    view.height = height;
  }
  return out;
}

Rig WithHfov(const Rig& rig, double hfov_deg) {
  if (!(hfov_deg > 0 && hfov_deg < 180)) {
    throw Error(fmt::format("hfov {:g}: must be in (0, 180) degrees", hfov_deg));
  }
  Rig out = rig;
  for (View& view : out.views) view.hfov_deg = hfov_deg;
  return out;
}

}  // namespace prep360
