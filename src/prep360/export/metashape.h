#pragma once
// Agisoft Metashape export (docs/export.md):
//   calibration_<W>x<H>.xml  one per view size (Tools > Camera Calibration > Load): projection
//                            frame, f = fy in pixels, cx/cy = offset of the principal point from
//                            the image centre in pixels, b1 = fx - fy, zero distortion.
//   import_rig.py            run in Metashape (Tools > Run Script): adds the images as a
//                            multi-camera system (one sensor per rig view, frame-major file
//                            groups), gives every sensor the rig's calibration (fixed), a fixed
//                            rotation offset from the rig (slave -> master, camera axes) and a
//                            zero location offset, then imports the masks.
//   masks/<view>/<stem>_mask.png  Metashape's "{filename}_mask.png" template (black = masked).
#include <string>
#include <vector>

#include "prep360/geometry/pinhole.h"
#include "prep360/rig/rig.h"

namespace prep360 {

// The calibration XML of one view size.
std::string MetashapeCalibrationXml(const Pinhole& camera);

// The calibration file name of a view: "calibration_<W>x<H>.xml"; views of one size with another
// focal length than the first view of that size get "calibration_<W>x<H>_<view>.xml".
std::string MetashapeCalibrationName(const Rig& rig, std::size_t view);

struct MetashapeScriptInput {
  Rig rig;                          // sizes set
  std::vector<std::string> frames;  // frame names, in order
  std::string image_ext;            // "jpg"
  std::string images_dir;           // relative to the script's folder (or absolute), '/' separated
  bool masks = false;               // masks/<view>/<stem>_mask.png beside the script
};

// The Python script. Its data block is one JSON object assigned to PREP360_RIG (views with name,
// width, height, f, cx, cy and pano_from_cam rows), so tools can read it back.
std::string MetashapeImportScript(const MetashapeScriptInput& in);

}  // namespace prep360
