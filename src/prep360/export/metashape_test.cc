#include "prep360/export/metashape.h"

#include <cstdio>
#include <cstdlib>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/rig/presets.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {

// A stand-in for Metashape's Python module: records what the script asks for, and prints the
// sensors (calibration, master, offsets) and mask imports as JSON. Master = the first camera of
// each file group, as Metashape's multiplane layout does.
constexpr const char* kFakeMetashape = R"PY(
import json, os, sys
class Vector(list): pass
class Matrix(list): pass
class Calibration: pass
class MultiplaneLayout: pass
class Sensor:
    class Type:
        Frame = "Frame"
    def __init__(self, key): self.key, self.master = key, None
class Photo:
    def __init__(self, path): self.path = path
class Camera:
    def __init__(self, key, path, sensor): self.key, self.photo, self.sensor = key, Photo(path), sensor
class MaskingMode: MaskingModeFile = "file"
class MaskOperation: MaskOperationReplacement = "replace"
class Chunk:
    def __init__(self): self.cameras, self.sensors, self.masks = [], [], []
    def addPhotos(self, filenames, filegroups, layout):
        n = filegroups[0]
        self.sensors = [Sensor(k) for k in range(n)]
        for s in self.sensors: s.master = self.sensors[0]
        for i, f in enumerate(filenames):
            self.cameras.append(Camera(i, f, self.sensors[i % n]))
    def generateMasks(self, path, masking_mode, mask_operation, cameras):
        self.masks.append({"path": path, "cameras": len(cameras)})
class Document:
    def __init__(self): self.chunk = None
    def addChunk(self):
        self.chunk = Chunk(); return self.chunk
class App: document = Document()
app = App()
def dump():
    c = app.document.chunk
    out = {"images": [cam.photo.path for cam in c.cameras], "masks": c.masks, "sensors": []}
    for s in c.sensors:
        out["sensors"].append({"f": s.user_calib.f, "cx": s.user_calib.cx, "w": s.width, "h": s.height,
            "fixed": s.fixed_calibration, "master": s.master.key == s.key,
            "rotation": getattr(s, "rotation", None), "location": getattr(s, "location", None),
            "fixed_rotation": getattr(s, "fixed_rotation", None)})
    print(json.dumps(out))
)PY";

TEST(MetashapeTest, CalibrationXmlHasPixelFocalAndCentreOffsets) {
  Pinhole c{640, 480, 320, 320, 320, 240};
  const std::string xml = MetashapeCalibrationXml(c);
  for (const char* want : {"<projection>frame</projection>", "<width>640</width>", "<height>480</height>", "<f>320</f>",
                           "<cx>0</cx>", "<cy>0</cy>", "<b1>0</b1>", "<k1>0</k1>", "<p2>0</p2>"}) {
    EXPECT_NE(xml.find(want), std::string::npos) << want << "\n" << xml;
  }
  c.cx = 330.5;
  EXPECT_NE(MetashapeCalibrationXml(c).find("<cx>10.5</cx>"), std::string::npos);
}

TEST(MetashapeTest, CalibrationNamesPerViewSize) {
  Rig rig = WithSize(MakePreset("cube6"), 512, 512);
  rig.views[3].width = 256, rig.views[3].height = 256;
  rig.views[4].hfov_deg = 120;
  EXPECT_EQ(MetashapeCalibrationName(rig, 0), "calibration_512x512.xml");
  EXPECT_EQ(MetashapeCalibrationName(rig, 2), "calibration_512x512.xml");
  EXPECT_EQ(MetashapeCalibrationName(rig, 3), "calibration_256x256.xml");
  EXPECT_EQ(MetashapeCalibrationName(rig, 4), "calibration_512x512_" + rig.views[4].name + ".xml");
}

TEST(MetashapeTest, ScriptAddsAMultiCameraSystemWithTheRigsOffsets) {
  if (std::system("python3 -c 1 >/dev/null 2>&1") != 0) GTEST_SKIP() << "python3 not installed";
  const Rig rig = WithSize(MakePreset("cube6"), 400, 400);
  testkit::TempDir dir;
  WriteTextFileAtomic(dir / "import_rig.py", MetashapeImportScript({rig, {"f1", "f2"}, "jpg", "../images", true}));
  WriteTextFileAtomic(dir / "Metashape.py", kFakeMetashape);
  const std::string cmd = "cd '" + dir.path().string() +
                          "' && python3 -c 'import Metashape; exec(open(\"import_rig.py\").read(), {\"__file__\": "
                          "\"import_rig.py\"}); Metashape.dump()' 2>&1";
  std::FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  ASSERT_EQ(pclose(p), 0) << out;
  const std::string json = out.substr(out.find('{'));
  const auto j = nlohmann::json::parse(json);
  ASSERT_EQ(j["images"].size(), 12u);
  EXPECT_NE(j["images"][1].get<std::string>().find("images/" + rig.views[1].name + "/f1.jpg"), std::string::npos);
  EXPECT_EQ(j["masks"].size(), 6u);
  EXPECT_NE(j["masks"][0]["path"].get<std::string>().find("masks/" + rig.views[0].name + "/{filename}_mask.png"),
            std::string::npos);
  const Pinhole c = rig.views[0].Camera();
  for (std::size_t s = 0; s < 6; ++s) {
    const auto& sensor = j["sensors"][s];
    EXPECT_EQ(sensor["f"].get<double>(), c.fy);
    EXPECT_EQ(sensor["cx"].get<double>(), 0.0);
    EXPECT_EQ(sensor["w"], 400);
    EXPECT_TRUE(sensor["fixed"].get<bool>());
    if (s == 0) {
      EXPECT_TRUE(sensor["master"].get<bool>());
      continue;
    }
    // Rotation = master_from_slave = cam0_from_pano * pano_from_cam_s, exactly.
    const Mat3 want = rig.views[0].CamFromPano() * rig.views[s].PanoFromCam();
    for (int r = 0; r < 3; ++r) {
      for (int k = 0; k < 3; ++k) EXPECT_NEAR(sensor["rotation"][r][k].get<double>(), want(r, k), 1e-15) << s;
    }
    EXPECT_EQ(sensor["location"], nlohmann::json::parse("[0.0, 0.0, 0.0]"));
    EXPECT_TRUE(sensor["fixed_rotation"].get<bool>());
  }
}

}  // namespace
}  // namespace prep360
