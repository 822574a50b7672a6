#pragma once
// One pinhole view cut from a decoded panorama, as the preview endpoint serves it.
#include "prep360/image/image.h"
#include "prep360/rig/rig.h"

namespace prep360::serve {

// `equirect`: DecodeEquirect's result. `view`: orientation, hfov and size set. Bilinear.
// Throws Error for a bad view (size, hfov).
Image RenderView(const Image& equirect, const View& view);

}  // namespace prep360::serve
