#pragma once
// COLMAP export of a rig (docs/colmap.md): rig_config.json for `colmap rig_configurator` and a
// cameras.txt with one PINHOLE camera per view. The rig frame is the first view's camera frame
// (ref_sensor); every other camera carries cam_from_rig = cam_from_pano * pano_from_ref.
#include <string>

#include "prep360/rig/rig.h"

namespace prep360 {

// COLMAP's rig format: [{"cameras": [{"image_prefix": "cam00/", "ref_sensor": true, ...}, ...]}].
// Views need sizes set. Rotations [w,x,y,z], translations [0,0,0].
std::string ColmapRigConfigJson(const Rig& rig);

// COLMAP cameras.txt: "CAMERA_ID PINHOLE W H fx fy cx cy", ids 1..N in view order.
std::string ColmapCamerasTxt(const Rig& rig);

// Writes OUT/rig_config.json and OUT/cameras.txt (each atomically).
void WriteColmapRigExport(const std::string& out_dir, const Rig& rig);

}  // namespace prep360
