#pragma once
// The COLMAP command lines `prep360 sfm` runs (docs/colmap.md), assembled without running them so
// every version's sequence can be tested:
//   feature_extractor   once per distinct view camera (size and intrinsics): the images of the
//                       views sharing it (image_list_path), one PINHOLE camera per
//                       view folder with the rig's exact parameters, masks when the dataset has
//                       COLMAP-named ones (sfm_masks/, else masks/ in colmap style)
//   rig_configurator    COLMAP >= 3.12 only: rig_config.json groups each panorama's views into
//                       one frame of the rig
//   matching            sequential: matches_importer with pairs.txt, the pairs of views of nearby
//                       frames in video order whose fields of view can overlap (no loop
//                       detection); exhaustive: exhaustive_matcher; vocab-tree: vocab_tree_matcher
//   mapper              intrinsics fixed; >= 3.12 also the rig (ba_refine_sensor_from_rig 0)
// GPU and thread options are Sift{Extraction,Matching}.* up to 3.12 and
// Feature{Extraction,Matching}.* from 3.13 on.
#include <filesystem>
#include <string>
#include <vector>

#include "prep360/export/dataset_contents.h"
#include "prep360/sfm/colmap_tool.h"
#include "prep360/util/enum_names.h"

namespace prep360 {

enum class SfmMatcher { kSequential, kExhaustive, kVocabTree };
inline constexpr EnumName<SfmMatcher> kSfmMatcherNames[] = {
    {"sequential", SfmMatcher::kSequential, "views of nearby frames in video order (no loop detection)"},
    {"exhaustive", SfmMatcher::kExhaustive, "every pair of images"},
    {"vocab-tree", SfmMatcher::kVocabTree, "visually similar images (needs a vocabulary tree file)"}};
template <>
struct EnumNames<SfmMatcher> {
  static constexpr std::span<const EnumName<SfmMatcher>> table{kSfmMatcherNames};
};

struct SfmOptions {
  std::string colmap;                        // executable; empty: "colmap" on PATH
  SfmMatcher matcher = SfmMatcher::kSequential;
  int overlap = 10;                          // sequential: frames ahead each frame is matched with
  std::string vocab_tree;                    // vocab-tree: the tree file
  bool gpu = false;                          // SIFT on the GPU (needs a CUDA build of COLMAP)
  int threads = 0;                           // 0: all cores
  int max_features = 0;                      // SIFT features per image; 0: COLMAP's default (8192)
};

struct ColmapStep {
  std::string name;               // "feature_extractor", ...; also the log file's stem
  std::vector<std::string> args;  // after the executable: the command, then its options
};

// DATASET/colmap/: the work folder (database, pair and image lists, logs, COLMAP's models).
struct SfmPaths {
  std::filesystem::path work;        // DATASET/colmap
  std::filesystem::path images;      // DATASET/images
  std::filesystem::path masks;       // empty: none
  std::filesystem::path rig_config;  // DATASET/rig_config.json
  std::filesystem::path Database() const { return work / "database.db"; }
  std::filesystem::path Pairs() const { return work / "pairs.txt"; }
  std::filesystem::path ImageList(int camera) const { return work / ("images_" + std::to_string(camera) + ".txt"); }
  std::filesystem::path Models() const { return work / "sparse"; }
};

// Groups of views that share one camera (same size and intrinsics), in rig order.
std::vector<std::vector<int>> CameraGroups(const Rig& rig);

// pairs.txt for sequential matching: "cam00/f1.jpg cam01/f1.jpg" lines.
std::string SequentialPairs(const DatasetContents& dataset, int overlap);

// The image list of one camera group: its views' images, one name a line.
std::string ImageList(const DatasetContents& dataset, const std::vector<int>& views);

// Every step, in order, for this COLMAP version.
std::vector<ColmapStep> ColmapSteps(const ColmapVersion& version, const SfmOptions& options,
                                    const DatasetContents& dataset, const SfmPaths& paths);

}  // namespace prep360
