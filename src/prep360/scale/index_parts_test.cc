#include "prep360/scale/index_parts.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "prep360/image/image_io.h"
#include "prep360/testing/temp_dir.h"
#include "prep360/util/error.h"

namespace prep360 {
namespace {
namespace fs = std::filesystem;
using OJson = nlohmann::ordered_json;

// One frame's objects as split writes them (ids from 0 within the frame).
OJson Objects(int count, double yaw) {
  OJson list = OJson::array();
  for (int i = 0; i < count; ++i) {
    list.push_back({{"id", i}, {"class", "face"}, {"score", 0.8125f + 0.01f * static_cast<float>(i)},
                    {"yaw", yaw + i}, {"pitch", -0.1}, {"radius_deg", 3.25}, {"views", OJson::array()}});
  }
  return list;
}

std::string Text(const std::string& path) {
  const std::vector<std::uint8_t> bytes = ReadFileBytes(path);
  return std::string(bytes.begin(), bytes.end());
}

TEST(IndexPartsTest, NamesTheShardsPartBesideTheIndex) {
  EXPECT_EQ(IndexPartFile("ds", kDetectionsIndex, Shard{2, 8}), (fs::path("ds") / "detections.shard-2-of-8.json").string());
  EXPECT_EQ(IndexPartFile("ds", kTextIndex, Shard{1, 1}), (fs::path("ds") / "text.shard-1-of-1.json").string());
  EXPECT_EQ(IndexPartFile("ds", kTextIndex, Shard{}), (fs::path("ds") / "text.json").string());
}

TEST(IndexPartsTest, PartsBecomeTheIndexOneRunWrites) {
  testkit::TempDir tmp;
  const std::string root = tmp.path().string();
  const FrameIndex whole = {{"frame_000002", Objects(2, 10)}, {"frame_000009", Objects(0, 0)},
                            {"frame_000010", Objects(1, -170.5)}, {"frame_000031", Objects(3, 45)}};
  WriteFrameIndex(tmp / "one.json", kDetectionsIndex, whole);
  // Shard 1: frames 2 and 9; shard 2: none; shard 3: 10 and 31.
  WriteFrameIndex(IndexPartFile(root, kDetectionsIndex, Shard{3, 3}), kDetectionsIndex,
                  {{"frame_000010", whole.at("frame_000010")}, {"frame_000031", whole.at("frame_000031")}});
  WriteFrameIndex(IndexPartFile(root, kDetectionsIndex, Shard{2, 3}), kDetectionsIndex, {});
  WriteFrameIndex(IndexPartFile(root, kDetectionsIndex, Shard{1, 3}), kDetectionsIndex,
                  {{"frame_000002", whole.at("frame_000002")}, {"frame_000009", whole.at("frame_000009")}});
  EXPECT_EQ(MergeIndexParts(root, 3), 1);
  EXPECT_EQ(Text(tmp / "detections.json"), Text(tmp / "one.json"));
  for (int k = 1; k <= 3; ++k) EXPECT_FALSE(fs::exists(IndexPartFile(root, kDetectionsIndex, Shard{k, 3}))) << k;
  EXPECT_FALSE(fs::exists(tmp / "text.json"));  // the job read no text
  EXPECT_EQ(MergeIndexParts(root, 3), 0);        // merging again changes nothing
  EXPECT_EQ(Text(tmp / "detections.json"), Text(tmp / "one.json"));
}

TEST(IndexPartsTest, AMissingOrDamagedPartIsNamedAndNothingIsWritten) {
  testkit::TempDir tmp;
  const std::string root = tmp.path().string();
  WriteFrameIndex(IndexPartFile(root, kTextIndex, Shard{1, 2}), kTextIndex, {{"pano_1", OJson::array()}});
  try {
    MergeIndexParts(root, 2);
    FAIL() << "merged without part 2";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()), IndexPartFile(root, kTextIndex, Shard{2, 2}) +
                                         ": missing: shard 2 of 2 did not write its part of text.json; run it again");
  }
  std::ofstream(IndexPartFile(root, kTextIndex, Shard{2, 2})) << "{\"frames\": [{\"frame\": \"pano_2\"}]}";
  try {
    MergeIndexParts(root, 2);
    FAIL() << "merged a damaged part";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(IndexPartFile(root, kTextIndex, Shard{2, 2}) + ": not a frame index", 0), 0u)
        << e.what();
  }
  EXPECT_FALSE(fs::exists(tmp / "text.json"));
  EXPECT_TRUE(fs::exists(IndexPartFile(root, kTextIndex, Shard{1, 2})));
}

// After a merge, a shard run again with resume writes only its part; merging again keeps the
// other shards' frames from the index and takes this shard's from its part.
TEST(IndexPartsTest, AShardResumedAfterAMergeUpdatesOnlyItsFrames) {
  testkit::TempDir tmp;
  const std::string root = tmp.path().string();
  WriteFrameIndex(tmp / "detections.json", kDetectionsIndex,
                  {{"a", Objects(1, 0)}, {"b", Objects(1, 0)}, {"c", Objects(1, 0)}});
  WriteFrameIndex(IndexPartFile(root, kDetectionsIndex, Shard{2, 3}), kDetectionsIndex, {{"b", Objects(2, 90)}});
  EXPECT_EQ(MergeIndexParts(root, 3), 1);
  const FrameIndex merged = ReadFrameIndex(tmp / "detections.json", kDetectionsIndex);
  const FrameIndex expected = {{"a", Objects(1, 0)}, {"b", Objects(2, 90)}, {"c", Objects(1, 0)}};
  EXPECT_EQ(merged, expected);
  EXPECT_FALSE(fs::exists(IndexPartFile(root, kDetectionsIndex, Shard{2, 3})));
}

}  // namespace
}  // namespace prep360
