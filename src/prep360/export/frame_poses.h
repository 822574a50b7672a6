#pragma once
// One pose per frame (panorama) from a COLMAP model of a dataset: the views of a frame were cut
// from one panorama, so they share one centre and their rotations differ by the rig's exactly.
#include <optional>
#include <string>
#include <vector>

#include "prep360/export/colmap_model.h"
#include "prep360/export/dataset_contents.h"

namespace prep360 {

struct FramePose {
  Mat3 pano_from_world;  // the panorama's orientation (rotation average over its registered views)
  Vec3 centre;           // mean of its registered views' centres
  int registered = 0;    // views of the frame in the model
};

// Per frame of `dataset` (same order), its pose, or nullopt when none of its views registered.
std::vector<std::optional<FramePose>> FramePosesFromModel(const ColmapModel& model, const DatasetContents& dataset);

// The rotation angle (degrees) of a * b^T: how far apart two rotations are.
double RotationAngleDeg(const Mat3& a, const Mat3& b);

}  // namespace prep360
