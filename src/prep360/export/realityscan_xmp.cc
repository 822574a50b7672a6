#include "prep360/export/realityscan_xmp.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include <fmt/format.h>

namespace prep360 {
namespace {

double Clean(double v) { return std::abs(v) < 1e-15 ? 0.0 : v; }

std::uint64_t Fnv1a(const std::string& s, std::uint64_t seed) {
  std::uint64_t h = 1469598103934665603ull ^ seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace

double FocalLength35mm(const Pinhole& camera) { return 36.0 * camera.fx / std::max(camera.width, camera.height); }

Mat3 RealityScanFromPano() {
  Mat3 m;
  m.m = {1, 0, 0, 0, 0, 1, 0, -1, 0};
  return m;
}

std::string RealityScanXmpText(const RealityScanXmp& x) {
  const Pinhole& c = x.camera;
  const double longer = std::max(c.width, c.height);
  std::string attrs = fmt::format(
      "   xcr:Version=\"3\" xcr:DistortionModel=\"perspective\" xcr:DistortionCoeficients=\"0 0 0 0 0 0\"\n"
      "   xcr:FocalLength35mm=\"{:.17g}\" xcr:Skew=\"0\" xcr:AspectRatio=\"1\"\n"
      "   xcr:PrincipalPointU=\"{:.17g}\" xcr:PrincipalPointV=\"{:.17g}\"\n"
      "   xcr:CalibrationPrior=\"exact\" xcr:CalibrationGroup=\"{}\" xcr:DistortionGroup=\"{}\"\n"
      "   xcr:InTexturing=\"1\" xcr:InMeshing=\"1\"",
      FocalLength35mm(c), Clean((c.cx - c.width / 2.0) / longer), Clean((c.cy - c.height / 2.0) / longer),
      x.calibration_group, x.calibration_group);
  if (!x.rig_guid.empty()) {
    attrs += fmt::format("\n   xcr:Rig=\"{}\" xcr:RigInstance=\"{}\" xcr:RigPoseIndex=\"{}\"", x.rig_guid,
                         x.rig_instance_guid, x.rig_pose_index);
  }
  std::string children;
  if (x.pose) {
    const Mat3& r = x.pose->cam_from_world;
    attrs += fmt::format("\n   xcr:PosePrior=\"{}\" xcr:Coordinates=\"absolute\"", x.pose->prior);
    attrs += "\n   xcr:Rotation=\"";
    for (int i = 0; i < 9; ++i) attrs += fmt::format("{}{:.17g}", i ? " " : "", Clean(r.m[static_cast<std::size_t>(i)]));
    attrs += "\"";
    if (x.pose->centre) {
      const Vec3& p = *x.pose->centre;
      children = fmt::format("   <xcr:Position>{:.17g} {:.17g} {:.17g}</xcr:Position>\n", Clean(p.x), Clean(p.y), Clean(p.z));
    }
  }
  const std::string open = "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                           " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                           "  <rdf:Description xmlns:xcr=\"http://www.capturingreality.com/ns/xcr/1.1#\"\n";
  const std::string close = " </rdf:RDF>\n</x:xmpmeta>\n";
  if (children.empty()) return open + attrs + "/>\n" + close;
  return open + attrs + ">\n" + children + "  </rdf:Description>\n" + close;
}

std::string GuidFromKey(const std::string& key) {
  const std::uint64_t a = Fnv1a(key, 0x5eed), b = Fnv1a(key, 0xfeed);
  return fmt::format("{{{:08X}-{:04X}-{:04X}-{:04X}-{:012X}}}", static_cast<std::uint32_t>(a >> 32),
                     static_cast<std::uint32_t>((a >> 16) & 0xffff), static_cast<std::uint32_t>(a & 0xffff),
                     static_cast<std::uint32_t>(b >> 48), b & 0xffffffffffffull);
}

}  // namespace prep360
