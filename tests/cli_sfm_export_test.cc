// End-to-end: a synthetic room with parallax (testkit room scene) rendered from a few positions,
// then `prep360 split` -> `prep360 sfm` (the installed COLMAP, 3.8 on Debian 12) -> `prep360
// export` to every target, checked against the rig.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "prep360/export/colmap_model.h"
#include "prep360/export/frame_poses.h"
#include "prep360/image/image_io.h"
#include "prep360/mask/mask_style.h"
#include "prep360/rig/rig_json.h"
#include "prep360/testing/cli_runner.h"
#include "prep360/testing/room_scene.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/atomic_file.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using testkit::RunCli;

constexpr int kPositions = 5;
constexpr const char* kMaxFeatures = "2048";

nlohmann::json ReadJson(const fs::path& path) {
  std::ifstream in(path);
  return nlohmann::json::parse(in);
}

std::string ReadText(const fs::path& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path.string());
  return std::string(bytes.begin(), bytes.end());
}

// Runs python3 on `script` with `arg`; returns its stdout (empty and a failed expectation on error).
std::string Python(const std::string& script, const std::string& arg) {
  testkit::TempDir dir;
  WriteTextFileAtomic(dir / "check.py", script);
  std::FILE* p = popen(("python3 '" + (dir / "check.py") + "' '" + arg + "' 2>&1").c_str(), "r");
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  EXPECT_EQ(pclose(p), 0) << out;
  return out;
}

// Parses every <frame>.xmp under a folder with Python's XML parser and prints, per file
// ("<view>/<frame>"), its xcr attributes and elements.
constexpr const char* kReadXmps = R"PY(
import glob, json, os, sys, xml.etree.ElementTree as ET
XCR = "{http://www.capturingreality.com/ns/xcr/1.1#}"
files = {}
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*", "*.xmp"))):
    out = {}
    for d in ET.parse(path).getroot().iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}Description"):
        for k, v in d.attrib.items():
            if k.startswith(XCR): out[k[len(XCR):]] = v
        for c in d:
            if c.tag.startswith(XCR): out[c.tag[len(XCR):]] = c.text
    files[os.path.basename(os.path.dirname(path)) + "/" + os.path.basename(path)[:-4]] = out
print(json.dumps(files))
)PY";

// Parses a Metashape calibration XML and prints its fields.
constexpr const char* kReadCalibration = R"PY(
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
print(json.dumps({c.tag: c.text for c in root}))
)PY";

// The dataset every test reads, made once: split -> sfm.
class SfmExportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testkit::TempDir();
    const fs::path panos = dir_->path() / "panos";
    fs::create_directories(panos);
    const std::vector<Vec3> walk = testkit::RoomWalk(kPositions, 0.3);
    std::vector<std::string> args = {"split"};
    for (int k = 0; k < kPositions; ++k) {
      const std::string path = (panos / fmt::format("pano_{}.png", k + 1)).string();
      WriteFileAtomic(path, EncodeImage(testkit::RenderRoomEquirect(walk[k], 1536, 768, 2), ImageFormat::kPng, EncodeOptions{}));
      args.push_back(path);
    }
    for (const char* a : {"--rig", "cube6", "--fov", "100", "--size", "480x480", "--mask-nadir", "80", "-q", "-o"}) args.push_back(a);
    args.push_back(Dataset().string());
    split_ = RunCli(args);
    if (split_.exit_code != 0) return;
    sfm_ = RunCli({"sfm", Dataset().string(), "--max-features", kMaxFeatures, "--threads", "2", "--progress", "plain"});
  }
  static void TearDownTestSuite() {
    delete dir_;
    dir_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(split_.exit_code, 0) << split_.err;
    ASSERT_EQ(sfm_.exit_code, 0) << sfm_.err << "\n(COLMAP is installed by scripts/bootstrap; logs in DATASET/colmap/)";
    rig_ = ReadRigJson((Dataset() / "rig.json").string());
  }
  static fs::path Dataset() { return dir_->path() / "ds"; }
  static fs::path Scratch() { return dir_->path(); }

  // The checks, one per output (run in order by the one test below, so the pipeline runs once
  // per process: ctest runs every test in a process of its own).
  void EveryViewRegistersAndTheRigHolds();
  void NerfstudioRelativeRotationsAreTheRigsAndIntrinsicsExact();
  void RealityScanSidecarsCarryTheRigExactly();
  void MetashapeCalibrationScriptAndMasks();
  void ColmapExportHasTheModelAsText();

  static testkit::TempDir* dir_;
  static testkit::CliResult split_, sfm_;
  Rig rig_;
};
testkit::TempDir* SfmExportTest::dir_ = nullptr;
testkit::CliResult SfmExportTest::split_, SfmExportTest::sfm_;

void SfmExportTest::EveryViewRegistersAndTheRigHolds() {
  const auto report = ReadJson(Dataset() / "sfm_report.json");
  EXPECT_EQ(report["images_total"], 6 * kPositions);
  EXPECT_EQ(report["images_registered"], 6 * kPositions) << sfm_.err;
  EXPECT_EQ(report["models"], 1);
  const auto& rig = report["rig_consistency"];
  EXPECT_EQ(rig["views_compared"], 5 * kPositions);
  EXPECT_LE(rig["median_deg"].get<double>(), 0.05) << rig.dump();
  EXPECT_LE(rig["max_deg"].get<double>(), 0.1) << rig.dump();
  EXPECT_EQ(rig["frames"].size(), static_cast<std::size_t>(kPositions));
  EXPECT_LT(report["mean_reprojection_error_px"].get<double>(), 1.0);
  EXPECT_TRUE(HasColmapModel(Dataset() / "sparse" / "0"));
  for (const char* log : {"feature_extractor_0.log", "matches_importer.log", "mapper.log"}) {
    EXPECT_TRUE(fs::exists(Dataset() / "colmap" / log)) << log;
  }
  EXPECT_NE(sfm_.err.find(fmt::format("{} of {} images registered", 6 * kPositions, 6 * kPositions)), std::string::npos)
      << sfm_.err;
}

void SfmExportTest::NerfstudioRelativeRotationsAreTheRigsAndIntrinsicsExact() {
  const fs::path out = Scratch() / "ns";
  const auto r = RunCli({"export", Dataset().string(), "--to", "nerfstudio", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = ReadJson(out / "transforms.json");
  EXPECT_EQ(j["applied_transform"], nlohmann::json::parse("[[1,0,0,0],[0,0,1,0],[0,-1,0,0]]"));
  ASSERT_EQ(j["frames"].size(), static_cast<std::size_t>(6 * kPositions));
  std::map<std::string, std::map<std::string, Mat3>> c2w;  // frame -> view -> rotation (OpenGL axes)
  for (const auto& f : j["frames"]) {
    const std::string path = f["file_path"];
    ASSERT_TRUE(fs::exists(out / path)) << path;  // referenced in place
    const std::string view = fs::path(path).parent_path().filename().string();
    const Pinhole c = rig_.views[0].Camera();
    EXPECT_EQ(f["fl_x"].get<double>(), c.fx);
    EXPECT_EQ(f["fl_y"].get<double>(), c.fy);
    EXPECT_EQ(f["cx"].get<double>(), c.cx);
    EXPECT_EQ(f["cy"].get<double>(), c.cy);
    EXPECT_EQ(f["w"], 480);
    EXPECT_EQ(f["h"], 480);
    // Masks: nerfstudio naming (stem + .png under masks/), 0 = ignore.
    const std::string mask = f["mask_path"];
    EXPECT_EQ(mask, "masks/" + view + "/" + fs::path(path).stem().string() + ".png");
    const Image m = ReadImage((out / mask).string());
    EXPECT_EQ(m.channels(), 1);
    EXPECT_EQ(m.width(), 480);
    Mat3 rot;
    for (int a = 0; a < 3; ++a) {
      for (int b = 0; b < 3; ++b) rot(a, b) = f["transform_matrix"][a][b].get<double>();
    }
    c2w[fs::path(path).stem().string()][view] = rot;
  }
  // OpenGL camera axes = OpenCV axes with y and z negated: R_cv = R_gl * diag(1, -1, -1).
  Mat3 flip;
  flip.m = {1, 0, 0, 0, -1, 0, 0, 0, -1};
  double worst = 0;
  for (auto& [frame, views] : c2w) {
    ASSERT_EQ(views.size(), 6u) << frame;
    const Mat3 ref_c2w = views.at(rig_.views[0].name) * flip;
    for (const View& v : rig_.views) {
      const Mat3 recovered = (views.at(v.name) * flip).Transposed() * ref_c2w;  // cam_v_from_cam_0
      const Mat3 rig = v.CamFromPano() * rig_.views[0].PanoFromCam();
      worst = std::max(worst, RotationAngleDeg(recovered, rig));
    }
  }
  EXPECT_LE(worst, 0.1);
  EXPECT_TRUE(fs::exists(out / "sparse_pc.ply"));
  EXPECT_EQ(ReadText(out / "sparse_pc.ply").rfind("ply\nformat ascii 1.0\n", 0), 0u);
}

void SfmExportTest::RealityScanSidecarsCarryTheRigExactly() {
  const fs::path out = Scratch() / "rs";
  const auto r = RunCli({"export", Dataset().string(), "--to", "realityscan", "-o", out.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("(poses from sparse/0)"), std::string::npos) << r.err;
  const Pinhole c = rig_.views[0].Camera();
  const auto xmps = nlohmann::json::parse(Python(kReadXmps, out.string()));
  ASSERT_EQ(xmps.size(), static_cast<std::size_t>(6 * kPositions));
  std::string instance;
  for (std::size_t v = 0; v < rig_.views.size(); ++v) {
    const fs::path image = out / rig_.views[v].name / "pano_3.jpg";
    ASSERT_TRUE(fs::exists(image));
    const auto& x = xmps[rig_.views[v].name + "/pano_3"];
    EXPECT_EQ(x["FocalLength35mm"], fmt::format("{:.17g}", 36.0 * c.fx / 480));
    EXPECT_DOUBLE_EQ(std::stod(x["FocalLength35mm"].get<std::string>()), 36.0 * c.fx / c.width);
    EXPECT_EQ(x["PrincipalPointU"], "0");
    EXPECT_EQ(x["CalibrationPrior"], "exact");
    EXPECT_EQ(x["CalibrationGroup"], std::to_string(v + 1));
    EXPECT_EQ(x["RigPoseIndex"], std::to_string(v));
    EXPECT_TRUE(x.contains("Position"));
    if (v == 0) instance = x["RigInstance"];
    EXPECT_EQ(x["RigInstance"], instance);  // one centre per frame
    // RealityScan's mask layer: <image file name>.mask.png beside the image; the down view's
    // carries the nadir mask (black = not used).
    const fs::path mask = out / rig_.views[v].name / "pano_3.jpg.mask.png";
    ASSERT_TRUE(fs::exists(mask));
    const Image m = ReadImage(mask.string());
    int black = 0;
    for (int y = 0; y < m.height(); ++y) {
      for (int i = 0; i < m.width(); ++i) black += m.Row(y)[i] == 0;
    }
    EXPECT_EQ(black > 0, rig_.views[v].pitch_deg < -45) << rig_.views[v].name;
  }
  // The views of one frame share one centre, and their rotations differ by the rig's exactly.
  const auto& a = xmps[rig_.views[0].name + "/pano_2"];
  const auto& b = xmps[rig_.views[2].name + "/pano_2"];
  EXPECT_EQ(a["Position"], b["Position"]);
  Mat3 ra, rb;
  std::istringstream sa(a["Rotation"].get<std::string>()), sb(b["Rotation"].get<std::string>());
  for (int i = 0; i < 9; ++i) sa >> ra.m[i], sb >> rb.m[i];
  EXPECT_LT(RotationAngleDeg(rb * ra.Transposed(), rig_.views[2].CamFromPano() * rig_.views[0].PanoFromCam()), 1e-9);
}

void SfmExportTest::MetashapeCalibrationScriptAndMasks() {
  const auto r = RunCli({"export", Dataset().string(), "--to", "metashape"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path out = Dataset() / "metashape";
  const auto cal = nlohmann::json::parse(Python(kReadCalibration, (out / "calibration_480x480.xml").string()));
  const Pinhole c = rig_.views[0].Camera();
  EXPECT_EQ(cal["projection"], "frame");
  EXPECT_EQ(cal["width"], "480");
  EXPECT_EQ(std::stod(cal["f"].get<std::string>()), c.fy);
  EXPECT_EQ(cal["cx"], "0");
  // The script parses, names every image and the rig's rotations.
  Python("import ast, sys; ast.parse(open(sys.argv[1]).read())", (out / "import_rig.py").string());
  const std::string script = ReadText(out / "import_rig.py");
  const auto data = nlohmann::json::parse(script.substr(script.find("r\"\"\"") + 4, script.find("\"\"\")") - script.find("r\"\"\"") - 4));
  EXPECT_EQ(data["images_dir"], "../images");
  EXPECT_EQ(data["frames"].size(), static_cast<std::size_t>(kPositions));
  EXPECT_EQ(data["views"][1]["f"].get<double>(), c.fy);
  const Mat3 want = rig_.views[1].PanoFromCam();
  for (int i = 0; i < 3; ++i) {
    for (int k = 0; k < 3; ++k) EXPECT_NEAR(data["views"][1]["pano_from_cam"][i][k].get<double>(), want(i, k), 1e-15);
  }
  // Metashape's "{filename}_mask.png": every image has one (all white when nothing is masked).
  for (const View& v : rig_.views) {
    for (int k = 1; k <= kPositions; ++k) {
      const fs::path m = out / "masks" / v.name / fmt::format("pano_{}_mask.png", k);
      ASSERT_TRUE(fs::exists(m)) << m;
    }
  }
}

void SfmExportTest::ColmapExportHasTheModelAsText() {
  const auto r = RunCli({"export", Dataset().string(), "--to", "colmap"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path out = Dataset() / "colmap_export";
  EXPECT_TRUE(fs::exists(out / "rig_config.json"));
  EXPECT_TRUE(fs::exists(out / "cameras.txt"));
  const ColmapModel text = ReadColmapModelText(out / "sparse" / "0");
  const ColmapModel bin = ReadColmapModelBinary(Dataset() / "sparse" / "0");
  EXPECT_EQ(text.images.size(), bin.images.size());
  EXPECT_EQ(text.points.size(), bin.points.size());
  EXPECT_EQ(text.images.begin()->second.q.x, bin.images.begin()->second.q.x);
  // COLMAP's mask naming: masks/<view>/<image file name>.png.
  EXPECT_TRUE(fs::exists(out / "masks" / rig_.views[0].name / "pano_1.jpg.png"));
}

TEST_F(SfmExportTest, SplitSfmThenEveryExport) {
  std::printf("%s", sfm_.err.substr(sfm_.err.find("prep360 sfm:")).c_str());
  {
    SCOPED_TRACE("sfm");
    EveryViewRegistersAndTheRigHolds();
  }
  {
    SCOPED_TRACE("nerfstudio");
    NerfstudioRelativeRotationsAreTheRigsAndIntrinsicsExact();
  }
  {
    SCOPED_TRACE("realityscan");
    RealityScanSidecarsCarryTheRigExactly();
  }
  {
    SCOPED_TRACE("metashape");
    MetashapeCalibrationScriptAndMasks();
  }
  {
    SCOPED_TRACE("colmap");
    ColmapExportHasTheModelAsText();
  }
}

// Error cases and --export, on a small dataset without COLMAP.
class ExportErrorsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<Vec3> walk = testkit::RoomWalk(2, 0.3);
    for (int k = 0; k < 2; ++k) {
      WriteFileAtomic(dir_ / fmt::format("p{}.png", k + 1),
                      EncodeImage(testkit::RenderRoomEquirect(walk[k], 256, 128, 1), ImageFormat::kPng, EncodeOptions{}));
    }
  }
  testkit::CliResult Split(const std::string& out, std::vector<std::string> extra) {
    std::vector<std::string> args = {"split", dir_ / "p1.png", dir_ / "p2.png", "--rig", "ring:4", "--size", "64x64", "-q", "-o", out};
    args.insert(args.end(), extra.begin(), extra.end());
    return RunCli(args);
  }
  fs::path ds() const { return dir_.path() / "ds"; }
  testkit::TempDir dir_;
};

TEST_F(ExportErrorsTest, NerfstudioWithoutSparseModelSaysToRunSfmFirst) {
  ASSERT_EQ(Split(ds().string(), {}).exit_code, 0);
  const auto r = RunCli({"export", ds().string(), "--to", "nerfstudio"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find((ds() / "sparse" / "0").string() + ": no sparse model"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("run prep360 sfm " + ds().string() + " first"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(ds() / "transforms.json"));
}

TEST_F(ExportErrorsTest, UnknownTargetAndMissingDatasetAreOneLine) {
  ASSERT_EQ(Split(ds().string(), {}).exit_code, 0);
  auto r = RunCli({"export", ds().string(), "--to", "colmap,blender"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "prep360: --to: unknown target 'blender' (realityscan, metashape, nerfstudio, colmap)\n");
  EXPECT_FALSE(fs::exists(ds() / "colmap_export"));  // nothing exported before the check
  r = RunCli({"export", (dir_.path() / "none").string(), "--to", "metashape"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "prep360: " + (dir_.path() / "none").string() + ": no such dataset folder\n");
}

TEST_F(ExportErrorsTest, MissingColmapGivesAnInstallHint) {
  ASSERT_EQ(Split(ds().string(), {}).exit_code, 0);
  const auto r = RunCli({"sfm", ds().string(), "--colmap", (dir_.path() / "no" / "colmap").string(), "-q"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("no such COLMAP executable"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("apt install colmap"), std::string::npos) << r.err;
}

TEST_F(ExportErrorsTest, ASparseModelOfAnotherRigIsRefused) {
  // A dataset re-split with another field of view keeps the old sparse/0 (it is not split's):
  // its cameras no longer match the rig.
  ASSERT_EQ(Split(ds().string(), {}).exit_code, 0);
  ColmapModel old;
  old.cameras[1] = {1, "PINHOLE", 64, 64, {20, 20, 32, 32}};
  ColmapImage im;
  im.id = 1, im.camera_id = 1, im.name = "cam00/p1.jpg";
  old.images[1] = im;
  fs::create_directories(ds() / "sparse" / "0");
  WriteColmapModelBinary(old, ds() / "sparse" / "0");
  for (const char* to : {"nerfstudio", "realityscan", "colmap"}) {
    const auto r = RunCli({"export", ds().string(), "--to", to});
    EXPECT_EQ(r.exit_code, 1) << to;
    EXPECT_NE(r.err.find("sparse/0: made with another rig (camera 1 of cam00/p1.jpg is PINHOLE 64x64 20"), std::string::npos)
        << r.err;
  }
}

TEST_F(ExportErrorsTest, SplitExportsWhenAskedAndRefusesNerfstudio) {
  const auto r = Split(ds().string(), {"--export", "realityscan,metashape,colmap"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(ds() / "images" / "cam00" / "p2.xmp"));
  EXPECT_TRUE(fs::exists(ds() / "metashape" / "import_rig.py"));
  EXPECT_TRUE(fs::exists(ds() / "colmap_export" / "rig_config.json"));
  EXPECT_EQ(ReadJson(ds() / "job.json")["dataset"]["export"],
            nlohmann::json::parse(R"(["realityscan", "metashape", "colmap"])"));
  // Without poses the sidecar has the rig's rotation (level panorama, forward = north), no centre.
  const std::string xmp = ReadText(ds() / "images" / "cam00" / "p2.xmp");
  EXPECT_NE(xmp.find("xcr:Rotation=\"1 0 0 0 0 -1 0 1 0\""), std::string::npos) << xmp;
  EXPECT_EQ(xmp.find("Position"), std::string::npos);
  const auto bad = Split(dir_ / "ds2", {"--export", "nerfstudio"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--export: nerfstudio needs camera poses: run prep360 sfm"), std::string::npos) << bad.err;
  const auto unknown = Split(dir_ / "ds2", {"--export", "blender"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown value 'blender' (realityscan, metashape, nerfstudio, colmap)"), std::string::npos)
      << unknown.err;
}

TEST_F(ExportErrorsTest, PngDatasetWithRealityScanMaskLayersKeepsItsFrames) {
  // <frame>.png.mask.png beside <frame>.png is a mask layer, not a frame.
  const auto r = Split(ds().string(), {"--format", "png", "--mask-nadir", "30", "--mask-style", "realityscan",
                                       "--export", "metashape"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(ds() / "images" / "cam00" / "p1.png.mask.png"));
  const std::string script = ReadText(ds() / "metashape" / "import_rig.py");
  EXPECT_NE(script.find("\"frames\":[\"p1\",\"p2\"]"), std::string::npos);
  EXPECT_TRUE(fs::exists(ds() / "metashape" / "masks" / "cam00" / "p2_mask.png"));
}

}  // namespace
}  // namespace prep360
