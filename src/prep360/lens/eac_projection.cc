#include "prep360/lens/eac_projection.h"

namespace prep360 {
namespace {

class EacMapper final : public RayMapper {
 public:
  explicit EacMapper(const EacLayout& layout) : layout_(layout) {}
  void Map(const Vec3& d, ProjectedSamples& out) const override { layout_.Map(d, out); }

 private:
  EacLayout layout_;
};

}  // namespace

std::unique_ptr<RayMapper> EacProjection::ForSize(int width, int height, const Vec3*) const {
  return std::make_unique<EacMapper>(EacLayout::ForFrame(width, height));
}

int EacProjection::EquirectWidth(int width, int height) const {
  const EacLayout l = EacLayout::ForFrame(width, height);
  return 2 * ((4 * l.face + 1) / 2);
}

nlohmann::ordered_json EacProjection::Describe(int width, int height) const {
  const EacLayout l = EacLayout::ForFrame(width, height);
  nlohmann::ordered_json j;
  j["projection"] = Name();
  j["face"] = l.face;
  j["guard"] = l.guard;
  j["track_width"] = l.track_width();
  j["faces"] = {{"track0", {"left", "front", "right"}}, {"track1", {"down", "back", "up"}}};
  return j;
}

}  // namespace prep360
