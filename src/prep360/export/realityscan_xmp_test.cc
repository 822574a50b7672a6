#include "prep360/export/realityscan_xmp.h"

#include <gtest/gtest.h>

namespace prep360 {
namespace {

TEST(RealityScanXmpTest, FocalLength35mmIs36FxOverTheLongerSide) {
  const Pinhole square{1600, 1600, 800, 800, 800, 800};
  EXPECT_DOUBLE_EQ(FocalLength35mm(square), 18.0);
  const Pinhole wide = Pinhole::FromHfov(1920, 1080, 90);
  EXPECT_DOUBLE_EQ(FocalLength35mm(wide), 36.0 * wide.fx / 1920);
  Pinhole tall = wide;
  std::swap(tall.width, tall.height);
  EXPECT_DOUBLE_EQ(FocalLength35mm(tall), 36.0 * tall.fx / 1920);  // portrait: still the longer side
}

TEST(RealityScanXmpTest, LevelForwardViewLooksNorthInTheZUpWorld) {
  // The forward view of a level panorama: camera z = north (+y), camera y (down) = -z.
  const Mat3 r = Mat3::Identity() * RealityScanFromPano().Transposed();
  const Mat3 expected{{1, 0, 0, 0, 0, -1, 0, 1, 0}};
  for (int i = 0; i < 9; ++i) EXPECT_EQ(r.m[i], expected.m[i]) << i;
}

TEST(RealityScanXmpTest, SidecarCarriesCalibrationRigAndPose) {
  RealityScanXmp x;
  x.camera = Pinhole{1600, 1600, 800, 800, 800, 800};
  x.calibration_group = 3;
  x.rig_guid = GuidFromKey("rig:cube6");
  x.rig_instance_guid = GuidFromKey("frame:cube6/f1");
  x.rig_pose_index = 2;
  RealityScanPose pose;
  pose.cam_from_world = RealityScanFromPano().Transposed();
  pose.centre = Vec3{1, 2, 3.5};
  x.pose = pose;
  const std::string text = RealityScanXmpText(x);
  for (const char* want :
       {"xmlns:xcr=\"http://www.capturingreality.com/ns/xcr/1.1#\"", "xcr:Version=\"3\"", "xcr:FocalLength35mm=\"18\"",
        "xcr:PrincipalPointU=\"0\"", "xcr:PrincipalPointV=\"0\"", "xcr:DistortionModel=\"perspective\"",
        "xcr:CalibrationPrior=\"exact\"", "xcr:CalibrationGroup=\"3\"", "xcr:DistortionGroup=\"3\"",
        "xcr:RigPoseIndex=\"2\"", "xcr:PosePrior=\"initial\"", "xcr:Rotation=\"1 0 0 0 0 -1 0 1 0\"",
        "<xcr:Position>1 2 3.5</xcr:Position>"}) {
    EXPECT_NE(text.find(want), std::string::npos) << want << "\n" << text;
  }
  EXPECT_NE(text.find("xcr:Rig=\"" + x.rig_guid + "\""), std::string::npos);
  EXPECT_EQ(x.rig_guid.size(), 38u);
  EXPECT_EQ(GuidFromKey("rig:cube6"), x.rig_guid);
  EXPECT_NE(GuidFromKey("rig:cube7"), x.rig_guid);
}

TEST(RealityScanXmpTest, WithoutCentreNoPositionElement) {
  RealityScanXmp x;
  x.camera = Pinhole::FromHfov(640, 480, 100);
  x.pose = RealityScanPose{};
  const std::string text = RealityScanXmpText(x);
  EXPECT_EQ(text.find("Position"), std::string::npos);
  EXPECT_NE(text.find("xcr:Rotation=\"1 0 0 0 1 0 0 0 1\""), std::string::npos);
  EXPECT_NE(text.find("/>\n </rdf:RDF>"), std::string::npos);
}

}  // namespace
}  // namespace prep360
