#pragma once
// GoPro MAX EAC as a SourceProjection: the assembled two-track frame (lens/eac_layout.h) sampled
// straight into views and stitched equirects, cross-fading the band both lenses store.
#include "prep360/lens/eac_layout.h"
#include "prep360/lens/source_projection.h"

namespace prep360 {

class EacProjection final : public SourceProjection {
 public:
  std::string Name() const override { return "eac"; }
  // Throws Error when width x height is not an assembled EAC frame.
  std::unique_ptr<RayMapper> ForSize(int width, int height, const Vec3* view_axis) const override;
  // Four faces round the horizon: 4F (even).
  int EquirectWidth(int width, int height) const override;
  nlohmann::ordered_json Describe(int width, int height) const override;
};

}  // namespace prep360
