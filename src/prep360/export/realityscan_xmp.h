#pragma once
// RealityScan / RealityCapture XMP sidecars (docs/export.md): `<image stem>.xmp` beside each image,
// namespace xcr (http://www.capturingreality.com/ns/xcr/1.1#), xcr:Version 3.
//   calibration  FocalLength35mm = 36 * fx / max(W, H) (the longer side; 36 * fx / W for square
//                and landscape views), PrincipalPointU/V = (c - size/2) / max(W, H),
//                DistortionModel perspective with zero coefficients, Skew 0, AspectRatio 1,
//                CalibrationPrior exact; CalibrationGroup = DistortionGroup = rig view index + 1,
//                so the views of one rig camera share one calibration.
//   pose         Rotation: world->camera, row-major, OpenCV camera axes, in RealityScan's Z-up
//                world (x east, y north, z up). Position (camera centre) only when known.
//   rig          Rig, RigInstance ({GUID}) and RigPoseIndex (view index): the views of one frame
//                are one rig instance, so they share one centre.
#include <optional>
#include <string>

#include "prep360/geometry/pinhole.h"
#include "prep360/geometry/rotation.h"

namespace prep360 {

struct RealityScanPose {
  Mat3 cam_from_world;             // RealityScan world (z up)
  std::optional<Vec3> centre;      // camera centre in the same world
  std::string prior = "initial";   // initial | exact | locked
};

struct RealityScanXmp {
  Pinhole camera;
  int calibration_group = 1;
  std::optional<RealityScanPose> pose;
  std::string rig_guid;           // "{...}"; empty: no rig attributes
  std::string rig_instance_guid;
  int rig_pose_index = 0;
};

// 36 * fx / max(W, H).
double FocalLength35mm(const Pinhole& camera);

// R_rs_from_pano: prep360's pano frame (x right, y down, z forward) to RealityScan's world
// (x east, y north, z up) for a level panorama whose forward direction is north:
// rs = (x, z, -y).
Mat3 RealityScanFromPano();

// The sidecar's text (UTF-8 XML, one rdf:Description, scalars as attributes).
std::string RealityScanXmpText(const RealityScanXmp& xmp);

// A GUID "{8-4-4-4-12}" derived from `key` (deterministic, so re-exports write the same files).
std::string GuidFromKey(const std::string& key);

}  // namespace prep360
