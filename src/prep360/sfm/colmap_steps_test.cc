#include "prep360/sfm/colmap_steps.h"

#include <algorithm>

#include <gtest/gtest.h>

#include "prep360/rig/presets.h"

namespace prep360 {
namespace {

DatasetContents Dataset(const Rig& rig, std::vector<std::string> frames) {
  DatasetContents d;
  d.root = "/data/ds";
  d.rig = rig;
  d.frames = std::move(frames);
  return d;
}

SfmPaths Paths() { return {"/data/ds/colmap", "/data/ds/images", "", "/data/ds/rig_config.json"}; }

// The value after option `name` in a step, or "" when absent.
std::string ValueOf(const ColmapStep& s, const std::string& name) {
  const auto it = std::find(s.args.begin(), s.args.end(), "--" + name);
  return it == s.args.end() || it + 1 == s.args.end() ? "" : *(it + 1);
}

std::vector<std::string> Commands(const std::vector<ColmapStep>& steps) {
  std::vector<std::string> out;
  for (const ColmapStep& s : steps) out.push_back(s.args.front());
  return out;
}

TEST(ColmapStepsTest, Colmap38RunsNoRigStepsAndTheSiftOptionNames) {
  const DatasetContents d = Dataset(WithSize(MakePreset("cube6"), 480, 480), {"f1", "f2"});
  SfmOptions o;
  o.threads = 2;
  const auto steps = ColmapSteps({3, 8, 0}, o, d, Paths());
  EXPECT_EQ(Commands(steps), (std::vector<std::string>{"feature_extractor", "matches_importer", "mapper"}));
  const ColmapStep& fe = steps[0];
  EXPECT_EQ(fe.name, "feature_extractor_0");
  EXPECT_EQ(ValueOf(fe, "database_path"), "/data/ds/colmap/database.db");
  EXPECT_EQ(ValueOf(fe, "image_path"), "/data/ds/images");
  EXPECT_EQ(ValueOf(fe, "image_list_path"), "/data/ds/colmap/images_0.txt");
  EXPECT_EQ(ValueOf(fe, "ImageReader.single_camera_per_folder"), "1");
  EXPECT_EQ(ValueOf(fe, "ImageReader.camera_model"), "PINHOLE");
  const Pinhole c = d.rig.views[0].Camera();
  EXPECT_EQ(ValueOf(fe, "ImageReader.camera_params"), fmt::format("{:.17g},{:.17g},240,240", c.fx, c.fy));
  EXPECT_EQ(ValueOf(fe, "ImageReader.mask_path"), "");
  EXPECT_EQ(ValueOf(fe, "SiftExtraction.use_gpu"), "0");
  EXPECT_EQ(ValueOf(fe, "SiftExtraction.num_threads"), "2");
  EXPECT_EQ(ValueOf(steps[1], "match_list_path"), "/data/ds/colmap/pairs.txt");
  EXPECT_EQ(ValueOf(steps[1], "match_type"), "pairs");
  EXPECT_EQ(ValueOf(steps[1], "SiftMatching.use_gpu"), "0");
  const ColmapStep& map = steps[2];
  EXPECT_EQ(ValueOf(map, "output_path"), "/data/ds/colmap/sparse");
  EXPECT_EQ(ValueOf(map, "Mapper.ba_refine_focal_length"), "0");
  EXPECT_EQ(ValueOf(map, "Mapper.ba_refine_principal_point"), "0");
  EXPECT_EQ(ValueOf(map, "Mapper.ba_refine_extra_params"), "0");
  EXPECT_EQ(ValueOf(map, "Mapper.ba_refine_sensor_from_rig"), "");
  EXPECT_EQ(ValueOf(map, "Mapper.num_threads"), "2");
}

TEST(ColmapStepsTest, Colmap312ConfiguresTheRigBeforeMatchingAndHoldsItInTheMapper) {
  const DatasetContents d = Dataset(WithSize(MakePreset("cube6"), 480, 480), {"f1"});
  SfmOptions o;
  o.gpu = true;
  o.matcher = SfmMatcher::kExhaustive;
  SfmPaths p = Paths();
  p.masks = "/data/ds/sfm_masks";
  const auto steps = ColmapSteps({3, 12, 6}, o, d, p);
  EXPECT_EQ(Commands(steps),
            (std::vector<std::string>{"feature_extractor", "rig_configurator", "exhaustive_matcher", "mapper"}));
  EXPECT_EQ(ValueOf(steps[0], "ImageReader.mask_path"), "/data/ds/sfm_masks");
  EXPECT_EQ(ValueOf(steps[0], "SiftExtraction.use_gpu"), "1");
  EXPECT_EQ(ValueOf(steps[0], "SiftExtraction.num_threads"), "-1");
  EXPECT_EQ(ValueOf(steps[1], "rig_config_path"), "/data/ds/rig_config.json");
  EXPECT_EQ(ValueOf(steps[1], "database_path"), "/data/ds/colmap/database.db");
  EXPECT_EQ(ValueOf(steps[2], "SiftMatching.use_gpu"), "1");
  EXPECT_EQ(ValueOf(steps[3], "Mapper.ba_refine_sensor_from_rig"), "0");
}

TEST(ColmapStepsTest, Colmap313UsesTheFeatureOptionGroups) {
  const DatasetContents d = Dataset(WithSize(MakePreset("cube6"), 480, 480), {"f1"});
  SfmOptions o;
  o.matcher = SfmMatcher::kVocabTree;
  o.vocab_tree = "/trees/tree.bin";
  o.max_features = 2000;
  const auto steps = ColmapSteps({3, 13, 0}, o, d, Paths());
  EXPECT_EQ(ValueOf(steps[0], "FeatureExtraction.use_gpu"), "0");
  EXPECT_EQ(ValueOf(steps[0], "SiftExtraction.use_gpu"), "");
  EXPECT_EQ(ValueOf(steps[0], "SiftExtraction.max_num_features"), "2000");
  EXPECT_EQ(steps[2].args.front(), "vocab_tree_matcher");
  EXPECT_EQ(ValueOf(steps[2], "VocabTreeMatching.vocab_tree_path"), "/trees/tree.bin");
  EXPECT_EQ(ValueOf(steps[2], "FeatureMatching.use_gpu"), "0");
}

TEST(ColmapStepsTest, OneExtractionPerDistinctCamera) {
  Rig rig = WithSize(MakePreset("cube6"), 480, 480);
  rig.views[4].hfov_deg = 120;
  const auto groups = CameraGroups(rig);
  EXPECT_EQ(groups, (std::vector<std::vector<int>>{{0, 1, 2, 3, 5}, {4}}));
  const DatasetContents d = Dataset(rig, {"f1", "f2"});
  const auto steps = ColmapSteps({3, 8, 0}, SfmOptions{}, d, Paths());
  EXPECT_EQ(steps[1].name, "feature_extractor_1");
  EXPECT_EQ(ValueOf(steps[1], "image_list_path"), "/data/ds/colmap/images_1.txt");
  EXPECT_EQ(ImageList(d, groups[1]), rig.views[4].name + "/f1.jpg\n" + rig.views[4].name + "/f2.jpg\n");
}

TEST(ColmapStepsTest, SequentialPairsFollowFrameOrderAndOverlappingViews) {
  // Two views looking opposite ways (90 deg each) never share content; each matches itself in
  // the next `overlap` frames only.
  Rig rig;
  rig.name = "two";
  rig.views = {View{"a", 0, 0, 0, 90, 100, 100}, View{"b", 180, 0, 0, 90, 100, 100}};
  const DatasetContents d = Dataset(rig, {"f1", "f2", "f3"});
  EXPECT_EQ(SequentialPairs(d, 1), "a/f1.jpg a/f2.jpg\nb/f1.jpg b/f2.jpg\na/f2.jpg a/f3.jpg\nb/f2.jpg b/f3.jpg\n");
  // Four views 90 deg apart: neighbours overlap (half diagonals 2 x 54.7 > 90), opposite ones do not.
  Rig ring;
  for (int k = 0; k < 4; ++k) ring.views.push_back(View{"v" + std::to_string(k), 90.0 * k, 0, 0, 90, 100, 100});
  const std::string pairs = SequentialPairs(Dataset(ring, {"f1"}), 5);
  EXPECT_NE(pairs.find("v0/f1.jpg v1/f1.jpg\n"), std::string::npos);
  EXPECT_NE(pairs.find("v0/f1.jpg v3/f1.jpg\n"), std::string::npos);
  EXPECT_EQ(pairs.find("v0/f1.jpg v2/f1.jpg\n"), std::string::npos);
  EXPECT_EQ(std::count(pairs.begin(), pairs.end(), '\n'), 4);
}

}  // namespace
}  // namespace prep360
