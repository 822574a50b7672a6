#pragma once
// The lens calibration Insta360 cameras store in their trailer (record 1, protobuf field 5, the
// "offset" string; telemetry/insta360_trailer.h), turned into the dual-fisheye lens model:
//   "N_" then per lens "r_cx_cy_yaw_pitch_roll" then "_W_H_code", '_'-separated, e.g. (X5)
//   2_2657.621_2684.250_2687.750_-0.259_-0.011_89.729_2651.033_8066.330_2692.030_0.247_-0.221_89.754_10752_5376_1137
// r: image-circle radius, cx, cy: its centre, all pixels of a side-by-side W x H frame; angles in
// degrees. The string carries no field of view: the circle of radius r spans fov_deg (from
// input.lens_fov). The angles are taken as offsets from the default convention (lens 0 at yaw 0,
// lens 1 at yaw 180, fisheye_lens.h), an assumption docs/inputs.md states.
#include <optional>
#include <string>

#include "prep360/lens/fisheye_lens.h"

namespace prep360 {

// Throws FileError(name, ...) when the string is not two lenses in this form.
DualFisheyeCalib ParseInsta360Offset(const std::string& offset, double fov_deg, const std::string& name);

// The calibration in the trailer of `path` (for an Insta360 _10_ file, of its _00_ partner when
// that exists), its origin "insta360 trailer"; nullopt when there is none, or when the string is
// damaged: then `warning` says why (never fatal).
std::optional<DualFisheyeCalib> Insta360TrailerCalib(const std::string& path, double fov_deg, std::string* warning);

}  // namespace prep360
