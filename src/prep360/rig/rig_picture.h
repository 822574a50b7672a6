#pragma once
// Draws a rig's footprints (each view's frustum outline, its centre and name) on an equirect image,
// for `prep360 rig show NAME --picture out.png`.
#include <array>
#include <cstdint>

#include "prep360/image/image.h"
#include "prep360/rig/rig.h"
#include "prep360/rig/rig_coverage.h"  // ComputeCoverage used to be declared here

namespace prep360 {

// Returns an 8-bit RGB width x (width/2) equirect (width even, >= 16) with a latitude/longitude
// grid every 30 degrees, each view's outline (its image's four edges traced through the
// geometry) and a dot at its centre, in the view's colour (ViewColour(index)). If `background`
// is non-empty (8/16-bit, 1/3/4 channels, equirect) it is drawn underneath, resampled nearest.
// Views without a size are drawn square. With `labels`, each view's name is written centred
// just below its dot (above it at the bottom edge) in kLabelInk on a kLabelOutline outline, in
// the built-in bitmap font (bitmap_font.h) scaled to the picture: scale LabelScale(width).
Image DrawRigPicture(const Rig& rig, int width, const Image* background = nullptr, bool labels = true);

inline constexpr std::array<std::uint8_t, 3> kLabelInk = {255, 255, 255};
inline constexpr std::array<std::uint8_t, 3> kLabelOutline = {0, 0, 0};
// Font pixels per glyph pixel for a picture `width` wide: 1 up to 2047, 2 at 2048 (the default), ...
int LabelScale(int width);

// The colour of view `index` in the picture (hues spread by the golden ratio).
std::array<std::uint8_t, 3> ViewColour(int index);

}  // namespace prep360
