#pragma once
// nerfstudio transforms.json (also read by gsplat's nerfstudio parser, Brush and LichtFeld
// Studio) from a COLMAP sparse model, converted as nerfstudio's own colmap_to_json does:
//   c2w = inverse([R | t]); columns 1 and 2 negated (OpenCV camera -> OpenGL camera: y up,
//   z back); then the world is turned by applied_transform = [[1,0,0,0],[0,0,1,0],[0,-1,0,0]]
//   (world (x, y, z) -> (x, z, -y)), which is recorded in the file.
// camera_model OPENCV with zero distortion; fl_x, fl_y, cx, cy, w, h on every frame (views may
// differ); mask_path on every frame or on none; ply_file_path names sparse_pc.ply, the model's
// points in the same turned world.
#include <array>
#include <string>
#include <vector>

#include "prep360/export/colmap_model.h"
#include "prep360/geometry/pinhole.h"

namespace prep360 {

struct NerfstudioFrame {
  const ColmapImage* image = nullptr;
  Pinhole camera;
  std::string file_path;  // relative to transforms.json's folder
  std::string mask_path;  // empty: none
};

// nerfstudio's applied_transform (3 x 4, row-major) as a rotation.
Mat3 NerfstudioAppliedRotation();

// The 4 x 4 camera-to-world matrix nerfstudio stores for a COLMAP image (row-major).
std::array<double, 16> NerfstudioTransform(const ColmapImage& image);

// transforms.json text; frames in the given order.
std::string NerfstudioTransformsJson(const std::vector<NerfstudioFrame>& frames, bool with_ply);

// ASCII PLY of the model's points (x y z float, red green blue uint8), turned by
// applied_transform, as nerfstudio's sparse_pc.ply.
std::string NerfstudioSparsePly(const ColmapModel& model);

}  // namespace prep360
