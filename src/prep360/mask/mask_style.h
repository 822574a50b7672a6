#pragma once
// Where each target tool looks for an image's mask, and what its pixel values mean.
// Paths are relative to the mask folder and keep the image's sub-folder (the view), since every
// view has the same frame names:
//   colmap      <rel dir>/<image file name>.png   images/v0/frame_1.jpg -> masks/v0/frame_1.jpg.png
//               (ImageReader.mask_path: "<mask_path>/<image name>.png")
//   realityscan <rel dir>/<image file name>.mask.png                      v0/frame_1.jpg.mask.png
//               (RealityScan/RealityCapture image layers: "DSC_0001.jpg.mask.png")
//   metashape   <rel dir>/<image stem>_mask.png                           v0/frame_1_mask.png
//               (Import Masks, method "From File", template "{filename}_mask.png")
//   nerfstudio  <rel dir>/<image stem>.png                                v0/frame_1.png
//               (transforms.json "mask_path": masks/v0/frame_1.png)
// All four read 8-bit single-channel masks with 0 = ignore and 255 = keep.
//
// Images with nothing to mask (WritesEmptyMasks):
//   colmap      all-255 file: COLMAP takes a missing mask as "no mask", but writing one for every
//               image keeps the folder complete and is what users expect; an all-255 mask keeps
//               every feature.
//   realityscan no file: an image without a .mask layer is simply used whole.
//   metashape   all-255 file: "From File" import looks for a file for every camera.
//   nerfstudio  all-255 file: its dataparser needs mask_path on every frame or on none.
#include <optional>
#include <string>

#include "prep360/image/image.h"
#include "prep360/util/enum_names.h"

namespace prep360 {

enum class MaskStyle { kColmap, kRealityScan, kMetashape, kNerfstudio };
inline constexpr EnumName<MaskStyle> kMaskStyleNames[] = {
    {"colmap", MaskStyle::kColmap, "masks/<view>/<image>.png"},
    {"realityscan", MaskStyle::kRealityScan, "<image>.mask.png (split/run: beside the image)"},
    {"metashape", MaskStyle::kMetashape, "<stem>_mask.png"},
    {"nerfstudio", MaskStyle::kNerfstudio, "<stem>.png"}};
template <>
struct EnumNames<MaskStyle> {
  static constexpr std::span<const EnumName<MaskStyle>> table{kMaskStyleNames};
};

// Parses "colmap" | "realityscan" | "metashape" | "nerfstudio" (case-sensitive); throws Error
// naming the valid choices otherwise.
MaskStyle ParseMaskStyle(const std::string& name);
const char* MaskStyleName(MaskStyle style);

// The mask's path relative to the mask folder, for an image at `image_rel_path` (relative to
// the image folder, '/' separated, e.g. "v0/frame_000123.jpg"). The stem is the file name up to
// its last '.' (a leading '.' does not start an extension). Throws Error for an empty path or
// one that ends in '/'.
std::string MaskRelativePath(MaskStyle style, const std::string& image_rel_path);

// Whether an image with nothing to mask gets a file (all 255) or none (see above).
bool WritesEmptyMasks(MaskStyle style);

// The one rule for every route (split/run masks, the mask command): the mask file of an image
// from its object mask (255 = object, already dilated), in file polarity: objects 0 = ignore,
// the rest 255 = keep; with `invert` the objects are kept and the rest ignored. nullopt when no
// pixel is masked, the style writes no empty masks (RealityScan) and the mask is not inverted
// (an inverted empty mask ignores the whole image, so it must be written).
std::optional<Image> MaskFile(Image objects, MaskStyle style, bool invert);

}  // namespace prep360
