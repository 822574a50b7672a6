#pragma once
// How a source frame that is not an equirect (dual fisheye, EAC) holds the sphere: a world
// (pano-frame) direction -> one or two sample positions in the frame, with the weight of the
// second (a feathered seam). The remap tables (reproject/projected_remap.h) are built from it, so
// views are sampled straight from the source with no intermediate equirect.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "prep360/geometry/rotation.h"

namespace prep360 {

struct ProjectedSamples {
  double x[2] = {0, 0}, y[2] = {0, 0};  // continuous source pixels, pixel centres at +0.5
  int count = 1;                        // 1 or 2
  double weight2 = 0;                   // weight of the second sample, in (0, 1) when count == 2
};

// The results and work arrays of RayMapper::MapLine (one per thread; the mapper sizes them).
struct LineSamples {
  std::vector<float> x, y;           // continuous source pixels
  std::vector<float> x2, y2, weight2;  // the second sample where count is 2
  std::vector<std::uint8_t> count;   // 1 or 2: Map's answer (ProjectedSamples); 0: call Map
  std::vector<float> work[4];
};

// The mapping for one source frame size. Thread-safe (const).
class RayMapper {
 public:
  virtual ~RayMapper() = default;
  // Where the source holds direction d (any non-zero length).
  virtual void Map(const Vec3& d, ProjectedSamples& out) const = 0;
  // Optional fast path of the view tables, in single precision: the directions d0 + k * dd,
  // k = 0..n-1. Sets count[k] to 1 or 2 with the samples Map would give (within float precision),
  // or to 0 where the caller must call Map (a position pulled back to a lens edge). Returns false,
  // writing nothing, when the mapper has no fast path.
  virtual bool MapLine(const Vec3& /*d0*/, const Vec3& /*dd*/, int /*n*/, LineSamples& /*out*/) const {
    return false;
  }
};

class SourceProjection {
 public:
  virtual ~SourceProjection() = default;
  // "dual-fisheye", "eac".
  virtual std::string Name() const = 0;
  // The mapping for a source frame of width x height. view_axis (pano frame), when given, is the
  // centre of the view being built: a projection that keeps views within one lens uses it.
  // Throws Error when the frame does not fit the projection.
  virtual std::unique_ptr<RayMapper> ForSize(int width, int height, const Vec3* view_axis) const = 0;
  // Width of an equirect with about the source's angular resolution (even).
  virtual int EquirectWidth(int width, int height) const = 0;
  // For report.json and the dataset's record of the lenses.
  virtual nlohmann::ordered_json Describe(int width, int height) const = 0;
};

}  // namespace prep360
