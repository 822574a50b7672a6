#pragma once
// The "privacy" group of the job document: what is blurred in every image before it is encoded.
#include <string>

#include "prep360/util/enum_names.h"
#include "prep360/util/fields.h"

namespace prep360 {

enum class BlurTarget { kNone, kFaces };
inline constexpr EnumName<BlurTarget> kBlurTargetNames[] = {
    {"none", BlurTarget::kNone, "nothing is blurred"},
    {"faces", BlurTarget::kFaces, "faces (BlazeFace), in every view that shows them"}};
template <>
struct EnumNames<BlurTarget> {
  static constexpr std::span<const EnumName<BlurTarget>> table{kBlurTargetNames};
};

struct PrivacySettings {
  BlurTarget blur = BlurTarget::kNone;
  std::string face_model = "face";  // registry name or ONNX path
  double face_score = 0.8;
  bool blur_equirect = false;

  template <class S, class V>
  static void Fields(S& s, V&& visit) {
    visit(Field{"blur", "Blur before encoding: faces are found on a detection rig covering the whole sphere, "
                        "merged on the sphere and blurred irreversibly in every view that shows them"},
          s.blur);
    visit(Field{"face_model", "Face detector: a registry name (see prep360 models) or a BlazeFace ONNX file"},
          s.face_model);
    visit(Field{"face_score", "Smallest face detection score kept"}.Range(0.05, 1.0), s.face_score);
    visit(Field{"blur_equirect", "Also write each panorama with its faces blurred, for publishing "
                                 "(blurred_equirect/; needs blur faces)"},
          s.blur_equirect);
  }
};

}  // namespace prep360
