#include "prep360/video/frame_index.h"

#include <gtest/gtest.h>

#include <vector>

namespace prep360 {
namespace {

// x264-style B-frame stream: decode order I0 P3 B1 B2 P6 B4 B5 (presentation timestamps).
const std::vector<std::int64_t> kDecodeOrder = {0, 3, 1, 2, 6, 4, 5};

TEST(FrameIndexerTest, IndexIsThePresentationPositionWithBFrames) {
  FrameIndexer indexer;
  for (std::int64_t pts : kDecodeOrder) indexer.AddPacket(pts * 512);
  for (std::int64_t i = 0; i <= 6; ++i) EXPECT_EQ(indexer.IndexOf(i * 512), i);
}

TEST(FrameIndexerTest, VariableFrameRateTimestampsStillCountOneByOne) {
  FrameIndexer indexer;
  const std::vector<std::int64_t> pts = {0, 20, 40, 100, 160, 170, 180};
  for (std::int64_t t : pts) indexer.AddPacket(t);
  for (std::size_t i = 0; i < pts.size(); ++i)
    EXPECT_EQ(indexer.IndexOf(pts[i]), static_cast<std::int64_t>(i));
}

TEST(FrameIndexerTest, FramesTheDecoderSkippedAreCounted) {
  // B1, B2, B4 were skipped (not decoded): the frames that come out keep their true index.
  FrameIndexer indexer;
  for (std::int64_t pts : kDecodeOrder) indexer.AddPacket(pts);
  EXPECT_EQ(indexer.IndexOf(0), 0);
  EXPECT_EQ(indexer.IndexOf(3), 3);
  EXPECT_EQ(indexer.IndexOf(5), 5);
  EXPECT_EQ(indexer.IndexOf(6), 6);
}

TEST(FrameIndexerTest, FramesBeforeASeekPointShiftTheIndex) {
  FrameIndexer indexer;
  indexer.AddPrecedingFrames(30);
  for (std::int64_t pts : kDecodeOrder) indexer.AddPacket(1000 + pts);
  EXPECT_EQ(indexer.IndexOf(1000), 30);
  EXPECT_EQ(indexer.IndexOf(1002), 32);  // 1001 was not decoded
  EXPECT_EQ(indexer.IndexOf(1003), 33);
}

TEST(FrameIndexerTest, UntimedFramesCountUpAndIndicesNeverRepeat) {
  FrameIndexer indexer;
  EXPECT_EQ(indexer.NextUntimed(), 0);
  EXPECT_EQ(indexer.NextUntimed(), 1);
  indexer.AddPacket(10);
  EXPECT_EQ(indexer.IndexOf(10), 2);
  // A timestamp that no packet had (a broken stream) still gets a new index.
  EXPECT_EQ(indexer.IndexOf(10), 3);
}

}  // namespace
}  // namespace prep360
