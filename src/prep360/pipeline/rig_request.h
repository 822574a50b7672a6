#pragma once
// The "rig" group of the job document: which rig, with which field of view and view size, and
// how its views are sampled from the panorama.
#include <string>

#include "prep360/reproject/interpolation.h"
#include "prep360/rig/presets.h"
#include "prep360/rig/rig.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct RigRequest {
  std::string name = kDefaultRigName;  // a preset name or a rig .json file
  double hfov = 0;                     // 0 = the rig's own
  int width = 0, height = 0;           // 0 = the rig's own, else density-matched
  Interpolation interpolation = Interpolation::kBilinear;

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"name", "Rig preset (see `prep360 rig list`) or a rig .json file (docs/rigs.md)"}, s.name);
    visit(Field{"hfov", "Horizontal field of view of every view, degrees; 0 = the rig's own"}.Open(0, 180).OrOff(0),
          s.hfov);
    visit(Field{"width", "Width of every view; 0 = the rig's own, else matched to the panorama's angular "
                         "resolution at the view centre, rounded to 16"}
              .Range(16, 16384)
              .OrOff(0),
          s.width);
    visit(Field{"height", "Height of every view; 0 = as width (see width)"}.Range(16, 16384).OrOff(0), s.height);
    visit(Field{"interpolation", "Interpolation kernel of the reprojection"}, s.interpolation);
  }

  // Throws Error when only one of width and height is set.
  void Check(std::string_view prefix) const;
  // Loads the rig (preset or file) and applies hfov and the size. Throws Error.
  Rig Build() const;
};

}  // namespace prep360
