#pragma once
// The rig as a check on a reconstruction made without it (COLMAP 3.8): for every frame, the
// rotations COLMAP recovered for its views, relative to the frame's first registered view, are
// compared with the rig's (cam_v_from_cam_ref = cam_v_from_pano * pano_from_cam_ref). The error of
// a view is the angle of recovered * rig^T.
#include <string>
#include <vector>

#include "prep360/export/colmap_model.h"
#include "prep360/export/dataset_contents.h"

namespace prep360 {

struct FrameRigError {
  std::string frame;
  int views = 0;        // registered views of the frame
  double median_deg = 0, max_deg = 0;  // over its views other than the reference
};

struct RigConsistency {
  std::vector<FrameRigError> frames;  // frames with two or more registered views
  double median_deg = 0, max_deg = 0; // over every compared view of every frame
  int compared = 0;                   // views compared
};

RigConsistency CheckRigConsistency(const ColmapModel& model, const DatasetContents& dataset);

}  // namespace prep360
