#pragma once
// Where each target tool looks for an image's mask, and what its pixel values mean.
//   colmap      masks/<rel dir>/<image file name>.png   (images/v0/frame_1.jpg -> masks/v0/frame_1.jpg.png)
//   realityscan <image file name>.mask.png beside the image (or in the masks folder, same sub-path)
//   metashape   <image stem>_mask.png                  (template "{filename}_mask.png")
//   nerfstudio  masks/<rel dir>/<image stem>.png
// All four read 8-bit single-channel masks with 0 = ignore and 255 = keep.
#include <string>

namespace prep360 {

enum class MaskStyle { kColmap, kRealityScan, kMetashape, kNerfstudio };

// Parses "colmap" | "realityscan" | "metashape" | "nerfstudio"; throws Error otherwise.
MaskStyle ParseMaskStyle(const std::string& name);
const char* MaskStyleName(MaskStyle style);

// The mask's path relative to the mask folder, for an image at `image_rel_path` (relative to
// the image folder, '/' separated, e.g. "v0/frame_000123.jpg").
std::string MaskRelativePath(MaskStyle style, const std::string& image_rel_path);

// Whether an image with nothing to mask gets a file (all 255) or none.
bool WritesEmptyMasks(MaskStyle style);

}  // namespace prep360
