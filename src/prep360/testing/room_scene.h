#pragma once
// Test support: a synthetic scene with parallax for SfM tests. A closed box room (6 x 3 x 5 m)
// with a few boxes standing in it, every surface covered by a rich procedural texture (value
// noise at several scales plus sharp-edged random discs, coloured), so SIFT finds many features
// at any scale. Positions and directions are in the pano frame of docs/conventions.md (x right,
// y down, z forward), which is also the world frame: a panorama rendered at `centre` has
// R_world_from_pano = identity.
#include <vector>

#include "prep360/geometry/rotation.h"
#include "prep360/image/image.h"

namespace prep360::testkit {

// Colour (each channel in [0, 1]) of the first surface hit by the ray centre + s * dir, s > 0.
// `centre` must be inside the room and outside the boxes.
Vec3 RoomColor(const Vec3& centre, const Vec3& dir);

// Equirect panorama (3 channels, 8-bit) of the room seen from `centre`, each pixel the mean of
// supersample^2 rays spread over its area.
Image RenderRoomEquirect(const Vec3& centre, int width, int height, int supersample = 2);

// `count` camera centres `step` metres apart on an ellipse (radii 1.4 m and 0.9 m, about 7.4 m
// round) around the plinth in the middle of the room, bobbing 0.1 m in height. Deterministic.
std::vector<Vec3> RoomWalk(int count, double step = 0.3);

}  // namespace prep360::testkit
