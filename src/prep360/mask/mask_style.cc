#include "prep360/mask/mask_style.h"

#include "prep360/mask/mask_ops.h"
#include "prep360/util/error.h"

namespace prep360 {

MaskStyle ParseMaskStyle(const std::string& name) {
  return ParseName<MaskStyle>(name, "mask style");
}

const char* MaskStyleName(MaskStyle style) {
  return NameOf(style).data();
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

std::optional<Image> MaskFile(Image objects, MaskStyle style, bool invert) {
  if (!invert && !WritesEmptyMasks(style) && CountSet(objects) == 0) return std::nullopt;
  if (!invert) InvertMask(objects);
  return objects;
}

}  // namespace prep360
