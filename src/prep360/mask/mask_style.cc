#include "prep360/mask/mask_style.h"

#include "prep360/util/error.h"

namespace prep360 {

MaskStyle ParseMaskStyle(const std::string& name) {
  if (name == "colmap") return MaskStyle::kColmap;
  if (name == "realityscan") return MaskStyle::kRealityScan;
  if (name == "metashape") return MaskStyle::kMetashape;
  if (name == "nerfstudio") return MaskStyle::kNerfstudio;
  throw Error("--mask-style: unknown style '" + name + "' (colmap, realityscan, metashape or nerfstudio)");
}

const char* MaskStyleName(MaskStyle style) {
  switch (style) {
    case MaskStyle::kColmap: return "colmap";
    case MaskStyle::kRealityScan: return "realityscan";
    case MaskStyle::kMetashape: return "metashape";
    case MaskStyle::kNerfstudio: return "nerfstudio";
  }
  return "colmap";
}

std::string MaskRelativePath(MaskStyle style, const std::string& image_rel_path) {
  if (image_rel_path.empty() || image_rel_path.back() == '/') {
    throw Error("mask path: '" + image_rel_path + "' is not an image file path");
  }
  const std::size_t slash = image_rel_path.rfind('/');
  const std::size_t name_begin = slash == std::string::npos ? 0 : slash + 1;
  const std::size_t dot = image_rel_path.rfind('.');
  const std::size_t stem_end = dot != std::string::npos && dot > name_begin ? dot : image_rel_path.size();
  const std::string stem_path = image_rel_path.substr(0, stem_end);  // dir + stem
  switch (style) {
    case MaskStyle::kColmap: return image_rel_path + ".png";
    case MaskStyle::kRealityScan: return image_rel_path + ".mask.png";
    case MaskStyle::kMetashape: return stem_path + "_mask.png";
    case MaskStyle::kNerfstudio: return stem_path + ".png";
  }
  return image_rel_path + ".png";
}

bool WritesEmptyMasks(MaskStyle style) { return style != MaskStyle::kRealityScan; }

}  // namespace prep360
