#pragma once
// The "mask" group of the job document: which masks are written, and how.
#include "prep360/mask/mask_style.h"
#include "prep360/util/fields.h"

namespace prep360 {

struct MaskSettings {
  bool objects = false;  // detect objects with the model (detect group) and mask them
  MaskStyle style = MaskStyle::kColmap;
  int dilate = 0;        // pixels
  bool invert = false;   // masks keep the objects and ignore the rest
  double nadir = -1;     // >= 0: also mask every direction more than this many degrees below the horizon
  bool ownership = false;  // also write COLMAP SfM masks giving each panorama pixel to the nearest view

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"objects", "Detect objects with the model, merge the detections on the sphere and mask them"},
          s.objects);
    visit(Field{"style", "Mask file naming and place, per target tool"}, s.style);
    visit(Field{"dilate", "Grow the masked regions by this many pixels"}.Range(0, 1000), s.dilate);
    visit(Field{"invert", "Masks keep the objects and ignore the rest"}, s.invert);
    visit(Field{"nadir", "Also mask every direction more than this many degrees below the horizon; -1 = off"}
              .Range(0, 90)
              .OrOff(-1),
          s.nadir);
    visit(Field{"ownership", "Also write COLMAP SfM masks (sfm_masks/) giving each panorama pixel to the view "
                             "whose centre is nearest, minus the masked objects"},
          s.ownership);
  }

  bool ObjectMasks() const { return objects || nadir >= 0; }
  bool Any() const { return ObjectMasks() || ownership; }
};

}  // namespace prep360
